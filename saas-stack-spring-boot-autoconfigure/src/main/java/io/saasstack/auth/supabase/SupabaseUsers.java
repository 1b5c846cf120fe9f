package io.saasstack.auth.supabase;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
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
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.util.Assert;

/**
 * {@link ReactiveUserDirectory} over the Supabase Auth (GoTrue) admin API (reference
 * {@code auth-supabase.md} §5, {@code supabase/auth} {@code openapi.yaml} and
 * {@code internal/api/admin.go}), with the Supabase-only {@link #invite}, {@link #ban(String,
 * Duration)} and {@link #delete(String, boolean)}. Paths start with {@code /auth/v1}: the base
 * URL is the project URL, {@code https://<ref>.supabase.co}.
 * <ul>
 * <li>{@link #list(int, int)} always sends {@code page} and {@code per_page} (without them a
 * server with cursor pagination enabled switches to another mode) and reads
 * {@link UserPage#total()} from {@code X-Total-Count} (see {@link SupabaseUserPagination}).</li>
 * <li>{@link #updateMetadata} is {@code PUT /admin/users/{id}} with {@code app_metadata} (the
 * public metadata) and {@code user_metadata} (the private metadata). GoTrue merges each
 * <em>shallowly</em>: a top-level key is replaced whole, a {@code null} value deletes it
 * ({@code internal/models/user.go} {@code UpdateAppMetaData}/{@code UpdateUserMetaData}),
 * unlike Clerk's deep merge. An empty map leaves that metadata alone. Beware that
 * {@code user_metadata} is not private: the user can change it and it is in every access
 * token; keep authorization data in {@code app_metadata}.</li>
 * <li>{@link #ban(String)} sets {@code ban_duration} to {@value #PERMANENT_BAN} (100 years, a
 * Go duration), {@link #unban} to {@code none}; {@link DirectoryUser#banned()} is whether
 * {@code banned_until} is in the future.</li>
 * <li>{@link #delete} succeeds when the user does not exist (any more), so that a retried
 * delete whose first response was lost does not fail; an id that is not a UUID still fails.</li>
 * </ul>
 * Every request carries {@code X-Supabase-Api-Version: }{@value #API_VERSION}, as
 * {@code @supabase/auth-js} sends it, so errors come as {@code {"code","message"}}.
 *
 * @since 0.1.0
 */
public final class SupabaseUsers implements ReactiveUserDirectory {

	/** The GoTrue API version sent with every request. */
	public static final String API_VERSION = "2024-01-01";

	/** The header carrying {@link #API_VERSION}. */
	public static final String API_VERSION_HEADER = "X-Supabase-Api-Version";

	/** The header of the API key. */
	public static final String API_KEY_HEADER = "apikey";

	/** The {@code ban_duration} of {@link #ban(String)}: 100 years. */
	public static final String PERMANENT_BAN = "876000h";

	static final String PROVIDER = "supabase";

	private static final String NO_BAN = "none";

	private static final ParameterizedTypeReference<Map<String, Object>> OBJECT = new ParameterizedTypeReference<>() {
	};

	private final SaasHttpClient http;

	private final Clock clock;

	/**
	 * @param http client of the Supabase project, see {@link #httpClient}
	 */
	public SupabaseUsers(SaasHttpClient http) {
		this(http, Clock.systemUTC());
	}

	/**
	 * @param http client of the Supabase project, see {@link #httpClient}
	 * @param clock the clock {@code banned_until} is compared with
	 */
	public SupabaseUsers(SaasHttpClient http, Clock clock) {
		Assert.notNull(http, "http must not be null");
		Assert.notNull(clock, "clock must not be null");
		this.http = http;
		this.clock = clock;
	}

	/**
	 * The HTTP client of a Supabase project, its base URL from the properties' base URL.
	 * @param factory the factory of provider clients
	 * @param properties the Supabase client properties, with a base URL
	 * @param secretKey the secret key ({@code sb_secret_...}) or the legacy {@code service_role}
	 * key
	 * @return the client to give to {@link #SupabaseUsers}
	 * @see #httpClient(SaasHttpClientFactory, SaasClientProperties, URI, String)
	 */
	public static SaasHttpClient httpClient(SaasHttpClientFactory factory, SaasClientProperties properties,
			String secretKey) {
		URI baseUrl = properties.getBaseUrl();
		Assert.notNull(baseUrl, "base URL must be set");
		return httpClient(factory, properties, baseUrl, secretKey);
	}

	/**
	 * The HTTP client of a Supabase project: the given base URL, timeouts and retries from the
	 * properties, the key in the {@code apikey} header, and also as a bearer token when it is a
	 * legacy JWT ({@code service_role}, {@code eyJ...}): the new {@code sb_secret_} keys are not
	 * JWTs and go in {@code apikey} alone (reference "api-key-format"). Supabase's error decoding
	 * and the key kept out of messages.
	 * @param factory the factory of provider clients
	 * @param properties the Supabase client properties (their base URL is ignored)
	 * @param baseUrl the project URL, {@code https://<ref>.supabase.co}
	 * @param secretKey the secret key ({@code sb_secret_...}) or the legacy {@code service_role}
	 * key
	 * @return the client to give to {@link #SupabaseUsers}
	 */
	public static SaasHttpClient httpClient(SaasHttpClientFactory factory, SaasClientProperties properties, URI baseUrl,
			String secretKey) {
		Assert.hasText(secretKey, "secretKey must not be empty");
		boolean jwt = isJwt(secretKey);
		return factory.client(PROVIDER)
			.baseUrl(baseUrl)
			.timeouts(properties.getConnectTimeout(), properties.getResponseTimeout())
			.retryPolicy(properties.getRetry().toPolicy())
			.errorDecoder(SupabaseErrorDecoder.INSTANCE)
			.defaultHeaders((headers) -> {
				headers.set(API_KEY_HEADER, secretKey);
				if (jwt) {
					headers.setBearerAuth(secretKey);
				}
				headers.set(API_VERSION_HEADER, API_VERSION);
			})
			.secrets(secretKey)
			.build();
	}

	/** Whether a key is a legacy JWT key rather than an opaque {@code sb_} key. */
	static boolean isJwt(String key) {
		return key.startsWith("eyJ") && key.chars().filter((c) -> c == '.').count() == 2;
	}

	@Override
	public String provider() {
		return PROVIDER;
	}

	@Override
	public Mono<DirectoryUser> get(String id) {
		return Mono
			.fromCallable(() -> SaasRequest.get("users.get", "/auth/v1/admin/users/{id}", checkId(id)).build())
			.flatMap(this::user);
	}

	@Override
	public Mono<UserPage> list(int page, int size) {
		return Mono.fromCallable(() -> {
			Assert.isTrue(page >= 1, "page must be at least 1");
			Assert.isTrue(size >= 1, "size must be at least 1");
			return SaasRequest.get("users.list", "/auth/v1/admin/users")
				.query("page", page)
				.query("per_page", size)
				.build();
		}).flatMap((request) -> this.http.exchange(request, OBJECT).map((response) -> {
			Map<String, Object> body = response.body();
			if (body == null || !(body.get("users") instanceof List<?> list)) {
				throw malformed(request.operation(), response.status(), "no users");
			}
			List<DirectoryUser> users = new ArrayList<>(list.size());
			for (Object user : list) {
				users.add(toUser(request.operation(), response.status(), asObject(user)));
			}
			return new UserPage(users, page, size, SupabaseUserPagination.from(response.headers()).total());
		}));
	}

	@Override
	public Mono<DirectoryUser> updateMetadata(String id, Map<String, ?> publicMetadata,
			Map<String, ?> privateMetadata) {
		return Mono.fromCallable(() -> {
			Assert.notNull(publicMetadata, "publicMetadata must not be null");
			Assert.notNull(privateMetadata, "privateMetadata must not be null");
			Map<String, Object> body = new LinkedHashMap<>();
			if (!publicMetadata.isEmpty()) {
				body.put("app_metadata", publicMetadata);
			}
			if (!privateMetadata.isEmpty()) {
				body.put("user_metadata", privateMetadata);
			}
			return update("users.updateMetadata", id, body);
		}).flatMap(this::user);
	}

	@Override
	public Mono<DirectoryUser> ban(String id) {
		return Mono.fromCallable(() -> update("users.ban", id, Map.of("ban_duration", PERMANENT_BAN)))
			.flatMap(this::user);
	}

	/**
	 * Bans a user for a time: their sessions end and they cannot sign in until it has passed.
	 * @param id user id
	 * @param duration the ban's duration, positive, sent in whole seconds
	 */
	public Mono<DirectoryUser> ban(String id, Duration duration) {
		return Mono.fromCallable(() -> {
			Assert.notNull(duration, "duration must not be null");
			Assert.isTrue(duration.getSeconds() >= 1, "duration must be at least one second");
			return update("users.ban", id, Map.of("ban_duration", duration.getSeconds() + "s"));
		}).flatMap(this::user);
	}

	@Override
	public Mono<DirectoryUser> unban(String id) {
		return Mono.fromCallable(() -> update("users.unban", id, Map.of("ban_duration", NO_BAN))).flatMap(this::user);
	}

	@Override
	public Mono<Void> delete(String id) {
		return delete(id, false);
	}

	/**
	 * Deletes a user.
	 * @param id user id
	 * @param softDelete whether to keep the user's row, anonymised, instead of removing it
	 */
	public Mono<Void> delete(String id, boolean softDelete) {
		return Mono
			.fromCallable(() -> SaasRequest.delete("users.delete", "/auth/v1/admin/users/{id}", checkId(id))
				.json(Map.of("should_soft_delete", softDelete))
				.build())
			.flatMap((request) -> this.http.exchange(request, Void.class))
			// deleting a user that is already gone succeeds, as media deletes do: a retried delete cannot fail
			.onErrorResume(SaasApiException.class, (ex) -> isUnknownUser(ex) ? Mono.empty() : Mono.error(ex))
			.then();
	}

	/** A 404 but not GoTrue's answer to an id that is not a UUID ({@code validation_failed}). */
	private static boolean isUnknownUser(SaasApiException ex) {
		return ex.getStatus() == 404 && !"validation_failed".equals(ex.getErrorCode());
	}

	/**
	 * Invites a user by email ({@code POST /auth/v1/invite}); fails with status 422 when a
	 * confirmed user has this address.
	 * @param email the address to send the invitation to
	 * @param data the new user's {@code user_metadata}
	 */
	public Mono<DirectoryUser> invite(String email, Map<String, ?> data) {
		return invite(email, data, null);
	}

	/**
	 * Invites a user by email ({@code POST /auth/v1/invite}); fails with status 422 when a
	 * confirmed user has this address.
	 * @param email the address to send the invitation to
	 * @param data the new user's {@code user_metadata}
	 * @param redirectTo where the invitation link leads, one of the project's redirect URLs, or
	 * null for the site URL
	 */
	public Mono<DirectoryUser> invite(String email, Map<String, ?> data, @Nullable String redirectTo) {
		return Mono.fromCallable(() -> {
			Assert.hasText(email, "email must not be empty");
			Assert.notNull(data, "data must not be null");
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("email", email);
			body.put("data", data);
			// sends an email: never repeated
			return SaasRequest.post("users.invite", "/auth/v1/invite")
				.query("redirect_to", redirectTo)
				.json(body)
				.build();
		}).flatMap(this::user);
	}

	private static SaasRequest update(String operation, String id, Map<String, ?> body) {
		return SaasRequest.put(operation, "/auth/v1/admin/users/{id}", checkId(id)).json(body).build();
	}

	private Mono<DirectoryUser> user(SaasRequest request) {
		return this.http.exchange(request, OBJECT)
			.map((response) -> toUser(request.operation(), response.status(), response.body()));
	}

	/** Maps a GoTrue {@code User} object. */
	DirectoryUser toUser(String operation, int status, @Nullable Map<String, Object> user) {
		if (user == null || !(user.get("id") instanceof String id) || id.isEmpty()) {
			throw malformed(operation, status, "no user id");
		}
		List<String> emails = (user.get("email") instanceof String email && !email.isEmpty()) ? List.of(email)
				: List.of();
		Instant bannedUntil = instant(user.get("banned_until"));
		boolean banned = bannedUntil != null && bannedUntil.isAfter(this.clock.instant());
		return new DirectoryUser(id, emails, instant(user.get("created_at")), banned,
				asObject(user.get("app_metadata")), asObject(user.get("user_metadata")), user);
	}

	private static @Nullable Instant instant(@Nullable Object value) {
		if (value instanceof String text && !text.isEmpty()) {
			try {
				return OffsetDateTime.parse(text).toInstant();
			}
			catch (DateTimeParseException ex) {
				return null;
			}
		}
		return null;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> asObject(@Nullable Object value) {
		return (value instanceof Map<?, ?> map) ? (Map<String, Object>) map : Map.of();
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
		return "SupabaseUsers[" + this.http + "]";
	}

}
