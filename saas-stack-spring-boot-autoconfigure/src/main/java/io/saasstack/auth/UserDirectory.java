package io.saasstack.auth;

import java.util.Map;

/**
 * The common operations of the identity provider's admin API, for blocking code.
 *
 * @since 0.1.0
 */
public interface UserDirectory {

	/** {@code clerk} or {@code supabase}. */
	String provider();

	DirectoryUser get(String id);

	UserPage list(int page, int size);

	DirectoryUser updateMetadata(String id, Map<String, ?> publicMetadata, Map<String, ?> privateMetadata);

	DirectoryUser ban(String id);

	DirectoryUser unban(String id);

	void delete(String id);

}
