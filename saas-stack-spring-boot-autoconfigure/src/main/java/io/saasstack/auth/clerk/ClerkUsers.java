package io.saasstack.auth.clerk;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.saasstack.auth.DirectoryUser;
import io.saasstack.auth.ReactiveUserDirectory;
import io.saasstack.auth.UserPage;
import io.saasstack.core.SaasApiException;
import io.saasstack.core.SaasClientProperties;
import io.saasstack.core.SaasHttpClient;
import io.saasstack.core.SaasHttpClientFactory;
import io.saasstack.core.SaasMalformedResponseException;
import io.saasstack.core.SaasRequest;
import io.saasstack.core.SaasResponse;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.util.Assert;

/**
 * {@link ReactiveUserDirectory} over the Clerk Backend API (reference {@code auth-clerk.md} §7,
 * BAPI OpenAPI {@value #API_VERSION}), with the Clerk-only {@link #count()},
 * {@link #listByEmail(Collection)} and {@link #getByEmail(String)}.
 * <ul>
 * <li>{@link #list(int, int)} sends {@code limit=size}, {@code offset=(page-1)*size} and
 * {@code order_by=-created_at} (Clerk's default, newest first) and, at the same time,
 * {@code GET /v1/users/count} for {@link UserPage#total()}: two requests per page. Clerk
 * recommends its {@code starting_after} cursor over large offsets.</li>
 * <li>{@link #updateMetadata} is {@code PATCH /v1/users/{id}/metadata}: a <em>deep</em> merge,
 * a {@code null} value deletes the key; an empty map leaves that metadata alone. Clerk allows
 * 10 metadata writes per user per 10 s.</li>
 * <li>{@link #ban} and {@link #unban} set a state, so they are retried like idempotent calls;
 * banning ends every session of the user.</li>
 * <li>{@link #delete} succeeds when the user does not exist (any more), so that a retried
 * delete whose first response was lost does not fail.</li>
 * </ul>
 * Timestamps are Unix milliseconds; {@link DirectoryUser#emails()} lists the primary address
 * first. Every request carries {@code Clerk-API-Version: }{@value #API_VERSION}, the version
 * this client is written for (it moved metadata to the {@code /metadata} endpoints).
 *
 * @since 0.1.0
 */
public final class ClerkUsers implements ReactiveUserDirectory {

	/** The Backend API version sent with every request. */
	public static final String API_VERSION = "2026-05-12";

	/** The header carrying {@link #API_VERSION}. */
	public static final String API_VERSION_HEADER = "Clerk-API-Version";

	/** The largest {@code limit} of {@code GET /v1/users}. */
	public static final int MAX_PAGE_SIZE = 500;

	/** The most email addresses one {@code email_address} filter accepts. */
	public static final int MAX_EMAIL_FILTER = 100;

	static final String PROVIDER = "clerk";

	private static final ParameterizedTypeReference<Map<String, Object>> OBJECT = new ParameterizedTypeReference<>() {
	};

	private static final ParameterizedTypeReference<List<Map<String, Object>>> OBJECTS = new ParameterizedTypeReference<>() {
	};

	private final SaasHttpClient http;

	/**
	 * @param http client of the Clerk Backend API, see {@link #httpClient}
	 */
	public ClerkUsers(SaasHttpClient http) {
		Assert.notNull(http, "http must not be null");
		this.http = http;
	}

	/**
	 * The HTTP client of the Clerk Backend API: base URL ({@code https://api.clerk.com} by
	 * default; paths start with {@code /v1}), timeouts and retries from the properties, bearer
	 * authentication with the secret key, {@value #API_VERSION_HEADER}, Clerk's error decoding
	 * and the key kept out of messages.
	 * @param factory the factory of provider clients
	 * @param properties the Clerk client properties
	 * @param secretKey the Clerk secret key ({@code sk_test_...} or {@code sk_live_...})
	 * @return the client to give to {@link #ClerkUsers}
	 */
	public static SaasHttpClient httpClient(SaasHttpClientFactory factory, SaasClientProperties properties,
			String secretKey) {
		Assert.hasText(secretKey, "secretKey must not be empty");
		return factory.client(PROVIDER)
			.properties(properties)
			.errorDecoder(ClerkErrorDecoder.INSTANCE)
			.defaultHeaders((headers) -> {
				headers.setBearerAuth(secretKey);
				headers.set(API_VERSION_HEADER, API_VERSION);
			})
			.secrets(secretKey)
			.build();
	}

	@Override
	public String provider() {
		return PROVIDER;
	}

	@Override
	public Mono<DirectoryUser> get(String id) {
		return Mono.fromCallable(() -> SaasRequest.get("users.get", "/v1/users/{id}", checkId(id)).build())
			.flatMap(this::user);
	}

	@Override
	public Mono<UserPage> list(int page, int size) {
		return Mono.fromCallable(() -> {
			Assert.isTrue(page >= 1, "page must be at least 1");
			Assert.isTrue(size >= 1 && size <= MAX_PAGE_SIZE, () -> "size must be between 1 and " + MAX_PAGE_SIZE);
			return SaasRequest.get("users.list", "/v1/users")
				.query("limit", size)
				.query("offset", (long) (page - 1) * size)
				.query("order_by", "-created_at")
				.build();
		})
			.flatMap((request) -> Mono.zip(users(request), count()))
			.map((result) -> new UserPage(result.getT1(), page, size, result.getT2()));
	}

	/** The number of users of the instance ({@code GET /v1/users/count}). */
	public Mono<Long> count() {
		return Mono.fromCallable(() -> SaasRequest.get("users.count", "/v1/users/count").build())
			.flatMap((request) -> this.http.exchange(request, OBJECT)
				.map((response) -> totalCount(request.operation(), response)));
	}

	/**
	 * The users having any of these email addresses ({@code GET /v1/users?email_address=...}),
	 * newest first; addresses matching no user are ignored.
	 * @param emails 1 to {@value #MAX_EMAIL_FILTER} email addresses
	 */
	public Mono<List<DirectoryUser>> listByEmail(Collection<String> emails) {
		return Mono.fromCallable(() -> {
			Assert.notEmpty(emails, "emails must not be empty");
			Assert.isTrue(emails.size() <= MAX_EMAIL_FILTER,
					() -> "at most " + MAX_EMAIL_FILTER + " email addresses can be looked up at once");
			for (String email : emails) {
				Assert.hasText(email, "email must not be empty");
			}
			return SaasRequest.get("users.list", "/v1/users")
				.query("email_address", emails)
				.query("limit", emails.size())
				.build();
		}).flatMap(this::users);
	}

	/** The user having this email address, or empty when none has. */
	public Mono<DirectoryUser> getByEmail(String email) {
		return Mono.defer(() -> {
			Assert.hasText(email, "email must not be empty");
			return listByEmail(List.of(email));
		}).mapNotNull((users) -> users.isEmpty() ? null : users.get(0));
	}

	@Override
	public Mono<DirectoryUser> updateMetadata(String id, Map<String, ?> publicMetadata,
			Map<String, ?> privateMetadata) {
		return Mono.fromCallable(() -> {
			Assert.notNull(publicMetadata, "publicMetadata must not be null");
			Assert.notNull(privateMetadata, "privateMetadata must not be null");
			Map<String, Object> body = new LinkedHashMap<>();
			if (!publicMetadata.isEmpty()) {
				body.put("public_metadata", publicMetadata);
			}
			if (!privateMetadata.isEmpty()) {
				body.put("private_metadata", privateMetadata);
			}
			// a merge with the same values leaves the same metadata however often it is applied
			return SaasRequest.patch("users.updateMetadata", "/v1/users/{id}/metadata", checkId(id))
				.json(body)
				.idempotent(true)
				.build();
		}).flatMap(this::user);
	}

	@Override
	public Mono<DirectoryUser> ban(String id) {
		return Mono.fromCallable(
				() -> SaasRequest.post("users.ban", "/v1/users/{id}/ban", checkId(id)).idempotent(true).build())
			.flatMap(this::user);
	}

	@Override
	public Mono<DirectoryUser> unban(String id) {
		return Mono.fromCallable(
				() -> SaasRequest.post("users.unban", "/v1/users/{id}/unban", checkId(id)).idempotent(true).build())
			.flatMap(this::user);
	}

	@Override
	public Mono<Void> delete(String id) {
		return Mono.fromCallable(() -> SaasRequest.delete("users.delete", "/v1/users/{id}", checkId(id)).build())
			.flatMap((request) -> this.http.exchange(request, Void.class))
			// deleting a user that is already gone succeeds, as media deletes do: a retried delete cannot fail
			.onErrorResume(SaasApiException.class, (ex) -> (ex.getStatus() == 404) ? Mono.empty() : Mono.error(ex))
			.then();
	}

	private Mono<DirectoryUser> user(SaasRequest request) {
		return this.http.exchange(request, OBJECT)
			.map((response) -> toUser(request.operation(), response.status(), response.body()));
	}

	private Mono<List<DirectoryUser>> users(SaasRequest request) {
		return this.http.exchange(request, OBJECTS).map((response) -> {
			List<Map<String, Object>> body = response.body();
			if (body == null) {
				throw malformed(request.operation(), response.status(), "no user list");
			}
			List<DirectoryUser> users = new ArrayList<>(body.size());
			for (Map<String, Object> user : body) {
				users.add(toUser(request.operation(), response.status(), user));
			}
			return users;
		});
	}

	private static long totalCount(String operation, SaasResponse<Map<String, Object>> response) {
		Map<String, Object> body = response.body();
		if (body != null && body.get("total_count") instanceof Number count) {
			return count.longValue();
		}
		throw malformed(operation, response.status(), "no total_count");
	}

	/** Maps a Clerk {@code User} object. */
	static DirectoryUser toUser(String operation, int status, @Nullable Map<String, Object> user) {
		if (user == null || !(user.get("id") instanceof String id) || id.isEmpty()) {
			throw malformed(operation, status, "no user id");
		}
		Instant createdAt = (user.get("created_at") instanceof Number millis) ? Instant.ofEpochMilli(millis.longValue())
				: null;
		return new DirectoryUser(id, emails(user), createdAt, Boolean.TRUE.equals(user.get("banned")),
				metadata(user.get("public_metadata")), metadata(user.get("private_metadata")), user);
	}

	private static List<String> emails(Map<String, Object> user) {
		Object primaryId = user.get("primary_email_address_id");
		List<String> emails = new ArrayList<>();
		if (user.get("email_addresses") instanceof List<?> addresses) {
			for (Object candidate : addresses) {
				if (candidate instanceof Map<?, ?> address && address.get("email_address") instanceof String email) {
					if (primaryId != null && primaryId.equals(address.get("id"))) {
						emails.add(0, email);
					}
					else {
						emails.add(email);
					}
				}
			}
		}
		return emails;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> metadata(@Nullable Object metadata) {
		return (metadata instanceof Map<?, ?> map) ? (Map<String, Object>) map : Map.of();
	}

	private static String checkId(String id) {
		Assert.hasText(id, "id must not be empty");
		return id;
	}

	private static SaasMalformedResponseException malformed(String operation, int status, String detail) {
		return new SaasMalformedResponseException(PROVIDER, operation, status, detail);
	}

	@Override
	public String toString() {
		return "ClerkUsers[" + this.http + "]";
	}

}
