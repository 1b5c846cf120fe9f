package io.saasstack.auth.clerk;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeoutException;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import io.saasstack.core.CachedValue;
import io.saasstack.core.LogLines;
import io.saasstack.core.SaasAuthenticationException;
import io.saasstack.core.SaasClientProperties;
import io.saasstack.core.SaasException;
import io.saasstack.core.SaasHttpClient;
import io.saasstack.core.SaasHttpClientFactory;
import io.saasstack.core.SaasRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.util.Assert;

/**
 * The signing keys of a Clerk instance, from the Backend API {@code GET /v1/jwks} with the secret
 * key as bearer token, as both official SDKs fetch them (reference {@code auth-clerk.md} §3; the
 * endpoint has no rate limit). Only RSA signing keys are kept, as the SDKs do.
 * <p>
 * Caching, per instance of this class (so per secret key, never shared across instances):
 * <ul>
 * <li>the key set is reused for {@link #DEFAULT_TIME_TO_LIVE 5 minutes}, like
 * {@code @clerk/backend}, then fetched again on the next verification;</li>
 * <li>an unknown {@code kid} triggers a fetch (key rotation), but no fetch starts within the
 * {@link #DEFAULT_REFETCH_FLOOR refetch floor} (30 s) of the start of the last one, whether it
 * succeeded or failed: within it, unknown kids are rejected with {@code jwk-kid-mismatch}, and
 * tokens needing keys that could not be fetched with {@code jwk-remote-failed-to-load}, without a
 * call, so a flood of forged kids or a failing endpoint costs one fetch per floor (the JS SDK has
 * no floor and refetches on every unknown kid);</li>
 * <li>concurrent verifications needing a fetch share one fetch;</li>
 * <li>a fetch, the client's retries included, is bounded by its own
 * {@link #DEFAULT_TIMEOUT timeout} (5 s), not by the client's longer ones; each failed fetch
 * logs one WARN line.</li>
 * </ul>
 * Fetch failures are {@link ClerkTokenException}s: {@code secret-key-invalid} when Clerk refuses
 * the key, {@code jwk-remote-invalid} for an unreadable key set, else
 * {@code jwk-remote-failed-to-load}. The secret key never appears in messages.
 *
 * @since 0.1.0
 */
public final class ClerkJwks {

	/** How long a fetched key set is used, as {@code @clerk/backend} (300 s). */
	public static final Duration DEFAULT_TIME_TO_LIVE = Duration.ofMinutes(5);

	/** The minimum time between two fetches caused by unknown key ids. */
	public static final Duration DEFAULT_REFETCH_FLOOR = Duration.ofSeconds(30);

	/** The longest wait for a fetch of the key set, the client's retries included. */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

	private static final Log logger = LogFactory.getLog(ClerkJwks.class);

	/** The Backend API version sent, as {@code @clerk/backend} 3.25.0 does. */
	static final String API_VERSION = "2026-05-12";

	private final SaasHttpClient http;

	private final SaasRequest request;

	private final CachedValue<KeySet> keySet;

	private final Duration refetchFloor;

	private final Duration timeout;

	/**
	 * Keys with the default time to live and refetch floor.
	 * @param http a client of the Clerk Backend API, see {@link #httpClient}
	 * @param secretKey the instance's secret key, sent as bearer token
	 */
	public ClerkJwks(SaasHttpClient http, String secretKey) {
		this(http, secretKey, Clock.systemUTC(), DEFAULT_TIME_TO_LIVE, DEFAULT_REFETCH_FLOOR);
	}

	/**
	 * @param http a client of the Clerk Backend API, see {@link #httpClient}
	 * @param secretKey the instance's secret key, sent as bearer token
	 * @param clock source of the time of the cache
	 * @param timeToLive how long a fetched key set is used
	 * @param refetchFloor minimum time between two fetches caused by unknown key ids
	 */
	public ClerkJwks(SaasHttpClient http, String secretKey, Clock clock, Duration timeToLive, Duration refetchFloor) {
		this(http, secretKey, clock, timeToLive, refetchFloor, DEFAULT_TIMEOUT);
	}

	/**
	 * @param http a client of the Clerk Backend API, see {@link #httpClient}
	 * @param secretKey the instance's secret key, sent as bearer token
	 * @param clock source of the time of the cache
	 * @param timeToLive how long a fetched key set is used
	 * @param refetchFloor minimum time between the starts of two fetches, failed ones included
	 * @param timeout longest wait for a fetch, the client's retries included
	 */
	public ClerkJwks(SaasHttpClient http, String secretKey, Clock clock, Duration timeToLive, Duration refetchFloor,
			Duration timeout) {
		Assert.notNull(http, "http must not be null");
		Assert.isTrue(!timeout.isNegative() && !timeout.isZero(), "timeout must be positive");
		Assert.hasText(secretKey, "secretKey must not be empty");
		this.http = http;
		this.request = SaasRequest.get("jwks.get", "/v1/jwks")
			.header("Authorization", "Bearer " + secretKey)
			.header("Clerk-API-Version", API_VERSION)
			.build();
		this.refetchFloor = refetchFloor;
		this.timeout = timeout;
		this.keySet = new CachedValue<>(this::loadForCache, clock, timeToLive, refetchFloor);
	}

	/**
	 * The client of the Clerk Backend API ({@code clerk}, with {@link ClerkErrorDecoder}) that
	 * never shows the secret key, for when no shared Clerk client exists.
	 */
	public static SaasHttpClient httpClient(SaasHttpClientFactory factory, SaasClientProperties properties,
			String secretKey) {
		return factory.client("clerk")
			.properties(properties)
			.errorDecoder(ClerkErrorDecoder.INSTANCE)
			.requestIdHeaders("cf-ray", "x-request-id")
			.secrets(secretKey)
			.build();
	}

	/** Fetches the key set now, bypassing and leaving the cache. */
	public Mono<List<RSAKey>> fetch() {
		return load().map(KeySet::keys);
	}

	/**
	 * The keys of the given id, from the cache when fresh, else fetched.
	 * @return the keys; an error {@code jwk-kid-mismatch} when none has that id, or the fetch error
	 */
	Mono<List<RSAKey>> keys(@Nullable String kid) {
		return Mono.defer(() -> {
			KeySet fresh = this.keySet.fresh();
			if (fresh != null) {
				List<RSAKey> keys = fresh.find(kid);
				if (!keys.isEmpty()) {
					return Mono.just(keys);
				}
			}
			Mono<KeySet> fetch = this.keySet.refreshWithinFloor();
			if (fetch == null) {
				Throwable failure = this.keySet.lastFailure();
				return Mono.error((fresh == null && failure != null) ? unavailable(failure) : kidMismatch(kid));
			}
			// with fresh keys known, a kid they lack stays a mismatch when the refetch fails
			return fetch.onErrorMap((ex) -> fresh != null, (ex) -> kidMismatch(kid)).flatMap((fetched) -> {
				List<RSAKey> keys = fetched.find(kid);
				return keys.isEmpty() ? Mono.error(kidMismatch(kid)) : Mono.just(keys);
			});
		});
	}

	/** The cached keys of a kid while the key set is fresh, else empty: the no-allocation fast path. */
	List<RSAKey> fresh(@Nullable String kid) {
		KeySet fresh = this.keySet.fresh();
		return (fresh != null) ? fresh.find(kid) : List.of();
	}

	/** A fetch of the cache: bounded by the timeout, one WARN line when it fails. */
	private Mono<KeySet> loadForCache() {
		return load().timeout(this.timeout)
			.onErrorMap((ex) -> !(ex instanceof ClerkTokenException), (ex) -> new ClerkTokenException(
					"jwk-remote-failed-to-load", (ex instanceof TimeoutException)
							? "The JWKS of the Clerk Backend API did not arrive within " + this.timeout.toMillis() + " ms"
							: "Failed to load the JWKS from the Clerk Backend API: " + ex.getMessage(), ex))
			.doOnError((ex) -> logger.warn("Could not fetch the Clerk JWKS: " + LogLines.oneLine(ex.getMessage())
					+ "; tokens that need it are refused, next fetch in " + this.refetchFloor.toSeconds()
					+ " s at the earliest"));
	}

	private ClerkTokenException unavailable(Throwable failure) {
		return new ClerkTokenException("jwk-remote-failed-to-load", "The JWKS of the Clerk Backend API could not be "
				+ "fetched; the next fetch is at most once per " + this.refetchFloor.toSeconds() + " s", failure);
	}

	private Mono<KeySet> load() {
		return this.http.retrieve(this.request, String.class)
			.switchIfEmpty(Mono.error(() -> new ClerkTokenException("jwk-remote-invalid",
					"The JWKS of the Clerk Backend API is empty")))
			.map(this::parse)
			.onErrorMap(SaasException.class, ClerkJwks::loadFailure);
	}

	private KeySet parse(String body) {
		try {
			List<RSAKey> keys = new ArrayList<>();
			for (JWK jwk : JWKSet.parse(body).getKeys()) {
				if (jwk instanceof RSAKey rsa && (rsa.getKeyUse() == null || KeyUse.SIGNATURE.equals(rsa.getKeyUse()))) {
					keys.add(rsa);
				}
			}
			return new KeySet(List.copyOf(keys));
		}
		catch (ParseException ex) {
			throw new ClerkTokenException("jwk-remote-invalid",
					"The JWKS of the Clerk Backend API cannot be read: " + ex.getMessage(), ex);
		}
	}

	private static ClerkTokenException loadFailure(SaasException ex) {
		if (ex instanceof SaasAuthenticationException) {
			return new ClerkTokenException("secret-key-invalid",
					"Clerk refused the secret key when fetching the JWKS: " + ex.getMessage(), ex);
		}
		return new ClerkTokenException("jwk-remote-failed-to-load",
				"Failed to load the JWKS from the Clerk Backend API: " + ex.getMessage(), ex);
	}

	private static ClerkTokenException kidMismatch(@Nullable String kid) {
		return new ClerkTokenException("jwk-kid-mismatch", "Unable to find a signing key in JWKS that matches the kid='"
				+ kid + "' of the provided session token.");
	}

	@Override
	public String toString() {
		return "ClerkJwks[" + this.http + "]";
	}

	private record KeySet(List<RSAKey> keys) {

		List<RSAKey> find(@Nullable String kid) {
			List<RSAKey> found = new ArrayList<>();
			for (RSAKey key : this.keys) {
				if (kid != null && Objects.equals(kid, key.getKeyID())) {
					found.add(key);
				}
			}
			return found;
		}

	}

}
