package io.saasstack.auth;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A page of users.
 *
 * @param users the users of the page
 * @param page page number, from 1
 * @param size requested page size
 * @param total total number of users when the provider reports it
 * @since 0.1.0
 */
public record UserPage(List<DirectoryUser> users, int page, int size, @Nullable Long total) {

	public UserPage {
		users = List.copyOf(users);
	}

	/** Whether a further page may exist. */
	public boolean hasMore() {
		return (this.total != null) ? (long) this.page * this.size < this.total : this.users.size() == this.size;
	}

}
