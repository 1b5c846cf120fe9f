package io.saasstack.auth.clerk;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One page of a Clerk list ({@code {"data":[...],"total_count":N}}).
 *
 * @param <T> the type of the items
 * @param data the items of this page
 * @param totalCount how many items the whole list has
 * @since 0.1.0
 */
public record ClerkPage<T>(List<T> data, @JsonProperty("total_count") long totalCount) {

	public ClerkPage {
		data = (data != null) ? List.copyOf(data) : List.of();
	}

}
