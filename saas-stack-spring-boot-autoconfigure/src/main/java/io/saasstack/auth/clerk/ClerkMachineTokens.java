package io.saasstack.auth.clerk;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.saasstack.auth.SaasMachine;
import io.saasstack.auth.SaasTokenType;
import io.saasstack.auth.security.TokenFailure;
import io.saasstack.core.SaasApiException;
import io.saasstack.core.SaasClientProperties;
import io.saasstack.core.SaasException;
import io.saasstack.core.SaasHttpClient;
import io.saasstack.core.SaasHttpClientFactory;
import io.saasstack.core.SaasRequest;
import io.saasstack.core.SaasResponse;
import io.saasstack.core.RetryPolicy;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.util.Assert;

/**
 * Verifies opaque Clerk machine tokens with the Backend API, as {@code @clerk/backend} 3.25.0
 * does (reference {@code auth-clerk.md} §6):
 * <ul>
 * <li>API keys {@code ak_...}: {@code POST /api_keys/verify} {@code {"secret": token}};</li>
 * <li>M2M tokens {@code mt_...}: {@code POST /m2m_tokens/verify} {@code {"token": token}},
 * authenticated with the machine secret key when one is set, else the secret key;</li>
 * <li>OAuth access tokens {@code oat_...}: {@code POST /oauth_applications/access_tokens/verify}
 * {@code {"access_token": token}}.</li>
 * </ul>
 * These paths have no {@code /v1} (the SDK's {@code skipApiVersionInUrl}); the requests carry
 * {@code Clerk-API-Version}. Each call is one attempt ({@link #httpClient}), bounded by the
 * client's timeouts.
 * <p>
 * Answers: 404 is {@code token-invalid}, 401 {@code secret-key-invalid} and anything else
 * {@code unexpected-error}, as in the SDK. Unlike the SDK, which trusts any 200, a 200 saying
 * {@code revoked: true}, {@code expired: true}, an {@code expiration} that has passed or
 * {@code active: false} refuses the token.
 *
 * @since 0.1.0
 */
public final class ClerkMachineTokens {

	private static final Log logger = LogFactory.getLog(ClerkMachineTokens.class);

	private static final ParameterizedTypeReference<Map<String, Object>> OBJECT = new ParameterizedTypeReference<>() {
	};

	private final SaasHttpClient http;

	private final SaasHttpClient machineHttp;

	private final Clock clock;

	private final Duration clockSkew;

	/**
	 * @param http Backend API client with the secret key ({@link #httpClient})
	 * @param machineHttp Backend API client with the machine secret key, for M2M tokens, or null
	 * to use {@code http}
	 * @param clock source of "now", for the expiration of the answers
	 * @param clockSkew tolerance of the expiration
	 */
	public ClerkMachineTokens(SaasHttpClient http, @Nullable SaasHttpClient machineHttp, Clock clock,
			Duration clockSkew) {
		Assert.notNull(http, "http must not be null");
		Assert.notNull(clock, "clock must not be null");
		Assert.isTrue(!clockSkew.isNegative(), "clockSkew must not be negative");
		this.http = http;
		this.machineHttp = (machineHttp != null) ? machineHttp : http;
		this.clock = clock;
		this.clockSkew = clockSkew;
	}

	/**
	 * The client of the verify calls: as {@link ClerkUsers#httpClient} (the same base URL,
	 * timeouts, headers and error decoding) but without retries, so that a request waiting for its
	 * authentication waits one attempt at most.
	 * @param factory the factory of provider clients
	 * @param properties the Clerk client properties
	 * @param key the secret key, or the machine secret key for the M2M client
	 */
	public static SaasHttpClient httpClient(SaasHttpClientFactory factory, SaasClientProperties properties,
			String key) {
		Assert.hasText(key, "key must not be empty");
		return factory.client(ClerkUsers.PROVIDER)
			.properties(properties)
			.retryPolicy(RetryPolicy.NONE)
			.errorDecoder(ClerkErrorDecoder.INSTANCE)
			.defaultHeaders((headers) -> {
				headers.setBearerAuth(key);
				headers.set(ClerkUsers.API_VERSION_HEADER, ClerkUsers.API_VERSION);
			})
			.secrets(key)
			.build();
	}

	/**
	 * Verifies an opaque token.
	 * @param type the token's type, as routed by its prefix
	 * @param token the token
	 * @return the machine, or a {@link ClerkMachineTokenException}
	 */
	public Mono<SaasMachine> verify(ClerkTokenType type, String token) {
		return Mono.defer(() -> {
			Assert.notNull(token, "token must not be null");
			return switch (type) {
				case API_KEY -> call(this.http, SaasRequest.post("apiKeys.verify", "/api_keys/verify")
					.json(Map.of("secret", token))
					.build(), SaasTokenType.API_KEY, "API key not found");
				case M2M_TOKEN -> call(this.machineHttp, SaasRequest.post("m2mTokens.verify", "/m2m_tokens/verify")
					.json(Map.of("token", token))
					.build(), SaasTokenType.M2M_TOKEN, "Machine token not found");
				case OAUTH_TOKEN -> call(this.http,
						SaasRequest.post("oauthAccessTokens.verify", "/oauth_applications/access_tokens/verify")
							.json(Map.of("access_token", token))
							.build(),
						SaasTokenType.OAUTH_TOKEN, "OAuth token not found");
				case SESSION_TOKEN -> Mono.error(new IllegalArgumentException("not an opaque machine token"));
			};
		});
	}

	private Mono<SaasMachine> call(SaasHttpClient client, SaasRequest request, SaasTokenType type,
			String notFound) {
		return client.exchange(request, OBJECT)
			.onErrorMap(SaasException.class, (ex) -> refusal(request.operation(), ex, notFound))
			.map((response) -> machine(type, request.operation(), response));
	}

	private static ClerkMachineTokenException refusal(String operation, SaasException failure, String notFound) {
		int status = (failure instanceof SaasApiException api) ? api.getStatus() : 0;
		if (status == 404) {
			return new ClerkMachineTokenException(TokenFailure.INVALID, "token-invalid", notFound, failure);
		}
		if (status == 401) {
			logger.warn("Clerk refused the secret key of " + operation
					+ " (401): machine tokens cannot be verified. Check 'saas.auth.clerk.secret-key' "
					+ "(and 'saas.auth.clerk.machine-secret-key' for M2M tokens).");
			return new ClerkMachineTokenException(TokenFailure.VERIFICATION_UNAVAILABLE, "secret-key-invalid",
					"Invalid secret key", failure);
		}
		if (status >= 400 && status < 500 && status != 429 && status != 408) {
			return new ClerkMachineTokenException(TokenFailure.INVALID, "unexpected-error",
					"Unexpected error (" + status + ")", failure);
		}
		logger.warn("Clerk could not verify a machine token (" + operation + ", "
				+ ((status != 0) ? "status " + status : failure.getClass().getSimpleName())
				+ "): the request gets 401 'Token verification unavailable'.");
		return new ClerkMachineTokenException(TokenFailure.VERIFICATION_UNAVAILABLE, "unexpected-error",
				"Unexpected error", failure);
	}

	private SaasMachine machine(SaasTokenType type, String operation, SaasResponse<Map<String, Object>> response) {
		Map<String, Object> body = response.body();
		if (body != null && Boolean.FALSE.equals(body.get("active")) && !body.containsKey("id")) {
			throw refused(TokenFailure.INVALID, "token-invalid", "The token is not active.");
		}
		if (body == null || !(body.get("id") instanceof String id) || !(body.get("subject") instanceof String subject)
				|| subject.isEmpty()) {
			logger.warn("Clerk answered " + operation + " without an id or subject: the token is refused.");
			throw refused(TokenFailure.VERIFICATION_UNAVAILABLE, "unexpected-error", "Malformed verify answer");
		}
		// stricter than @clerk/backend, which never reads these flags in a 200
		if (Boolean.TRUE.equals(body.get("revoked"))) {
			throw refused(TokenFailure.INVALID, "token-revoked", "The token was revoked.");
		}
		Instant expiresAt = (body.get("expiration") instanceof Number millis) ? Instant.ofEpochMilli(millis.longValue())
				: null;
		if (Boolean.TRUE.equals(body.get("expired"))
				|| (expiresAt != null && !expiresAt.isAfter(this.clock.instant().minus(this.clockSkew)))) {
			throw refused(TokenFailure.EXPIRED, "token-expired", "The token has expired.");
		}
		return new SaasMachine(ClerkClaims.PROVIDER, type, id, subject,
				(type == SaasTokenType.API_KEY) ? string(body.get("name")) : null,
				(type == SaasTokenType.OAUTH_TOKEN) ? string(body.get("client_id")) : null, scopes(body.get("scopes")),
				claims(body.get("claims")), expiresAt);
	}

	private static ClerkMachineTokenException refused(TokenFailure failure, String reason, String message) {
		return new ClerkMachineTokenException(failure, reason, message, null);
	}

	private static @Nullable String string(@Nullable Object value) {
		return (value instanceof String text) ? text : null;
	}

	static List<String> scopes(@Nullable Object value) {
		List<String> scopes = new ArrayList<>();
		if (value instanceof List<?> list) {
			for (Object scope : list) {
				if (scope instanceof String text && !text.isEmpty()) {
					scopes.add(text);
				}
			}
		}
		return scopes;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> claims(@Nullable Object value) {
		return (value instanceof Map<?, ?> map) ? (Map<String, Object>) map : Map.of();
	}

	@Override
	public String toString() {
		return "ClerkMachineTokens[" + this.http + "]";
	}

}
