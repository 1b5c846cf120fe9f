package io.saasstack.auth;

import java.util.Map;

import reactor.core.publisher.Mono;

/**
 * The common operations of the identity provider's admin API, for reactive code. Provider
 * clients ({@code ClerkUsers}, {@code SupabaseUsers}) offer the rest.
 *
 * @since 0.1.0
 */
public interface ReactiveUserDirectory {

	/** {@code clerk} or {@code supabase}. */
	String provider();

	/** A user by id; an error {@code SaasApiException} with status 404 when unknown. */
	Mono<DirectoryUser> get(String id);

	/**
	 * A page of users.
	 * @param page page number, from 1
	 * @param size page size, 1 to 100 (Clerk) or more (Supabase)
	 */
	Mono<UserPage> list(int page, int size);

	/** Merges metadata into the user's (Clerk public/private metadata, Supabase app/user metadata). */
	Mono<DirectoryUser> updateMetadata(String id, Map<String, ?> publicMetadata, Map<String, ?> privateMetadata);

	/** Bans a user: their sessions end and they cannot sign in. */
	Mono<DirectoryUser> ban(String id);

	/** Lifts a ban. */
	Mono<DirectoryUser> unban(String id);

	/** Deletes a user. */
	Mono<Void> delete(String id);

}
