package io.saasstack.events;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Adds a user to a group and/or sets group properties ({@code POST /v1/group}). Either
 * {@code userId} or {@code properties} must be given.
 *
 * @param groupId the group, for example an organisation id
 * @param userId user to add to the group, or null
 * @param properties group property values by key (keys as for tags), possibly empty
 * @since 0.1.0
 */
public record Group(String groupId, @Nullable String userId, Map<String, Object> properties) implements LogSnagRequest {

	public Group {
		Assert.notNull(groupId, "groupId must not be null");
		properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
	}

}
