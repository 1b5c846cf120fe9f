package io.saasstack.auth.supabase;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

import com.nimbusds.jose.RemoteKeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.proc.BadJOSEException;
import io.saasstack.core.CachedValue;
import io.saasstack.core.LogLines;
import io.saasstack.core.SaasHttpClient;
import io.saasstack.core.SaasRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The public signing keys of a Supabase project, from
 * {@code GET /auth/v1/.well-known/jwks.json} (reference {@code auth-supabase.md} §1, §3), cached.
 * <p>
 * The set is refetched when it is older than the time to live (Supabase serves it with
 * {@code max-age=600}) or when a token names a key it lacks (a key rotation), but no fetch starts
 * within the refresh floor of the start of the last one, whether it succeeded or failed: a burst
 * of tokens with forged {@code kid}s, or a failing endpoint, costs at most one fetch per floor.
 * Concurrent fetches are shared. A fetch, the client's retries included, is bounded by its own
 * timeout, and a failed one logs one WARN line. When a refetch fails, keys already known stay
 * usable.
 * Only public RSA and EC signature keys are kept: symmetric keys are never taken from a JWKS.
 */
final class SupabaseJwks {

	static final String PATH = "/auth/v1/.well-known/jwks.json";

	private static final SaasRequest REQUEST = SaasRequest.get("jwks", PATH).build();

	private static final int MAX_KID_LENGTH = 64;

	private static final Log logger = LogFactory.getLog(SupabaseJwks.class);

	private final SaasHttpClient http;

	private final Duration refreshFloor;

	private final Duration timeout;

	private final CachedValue<Snapshot> snapshot;

	/** Keys given up front: never fetched. */
	private final @Nullable Snapshot fixed;

	SupabaseJwks(SaasHttpClient http, Clock clock, Duration refreshFloor, Duration timeToLive, Duration timeout,
			@Nullable JWKSet fixed) {
		this.http = http;
		this.refreshFloor = refreshFloor;
		this.timeout = timeout;
		this.snapshot = new CachedValue<>(this::loadForCache, clock, timeToLive, refreshFloor);
		this.fixed = (fixed != null) ? snapshot(fixed) : null;
	}

	/**
	 * The key with the given id. Fails with a {@link BadJOSEException} when the project has no
	 * such key, or a {@link RemoteKeySourceException} when the keys cannot be fetched.
	 */
	Mono<JWK> key(String kid) {
		if (this.fixed != null) {
			return Mono.defer(() -> find(this.fixed, kid));
		}
		return Mono.defer(() -> {
			Snapshot current = this.snapshot.last();
			JWK known = (current != null) ? current.find(kid) : null;
			if (known != null && this.snapshot.fresh() != null) {
				return Mono.just(known);
			}
			Mono<Snapshot> fetch = this.snapshot.refreshWithinFloor();
			if (fetch == null) {
				// within the floor of the last fetch, failed or not: the keys known, without a call
				return (current != null) ? find(current, kid) : Mono.error(unavailable());
			}
			// keys already known stay usable when a refresh fails
			return fetch
				.onErrorResume(RemoteKeySourceException.class,
						(ex) -> (known != null) ? Mono.just(current) : Mono.error(ex))
				.flatMap((keys) -> find(keys, kid));
		});
	}

	private Mono<JWK> find(Snapshot keys, String kid) {
		JWK key = keys.find(kid);
		if (key != null) {
			return Mono.just(key);
		}
		if (this.fixed != null) {
			return Mono.error(new BadJOSEException("No key with kid '" + shorten(kid) + "' in the configured key set"));
		}
		return Mono.error(new BadJOSEException("No key with kid '" + shorten(kid)
				+ "' in the Supabase JWKS (the keys are refetched at most every " + this.refreshFloor.toSeconds()
				+ " s)"));
	}

	/** A fetch of the cache: bounded by the timeout, one WARN line when it fails. */
	private Mono<Snapshot> loadForCache() {
		return load().timeout(this.timeout)
			.onErrorMap(TimeoutException.class, (ex) -> new RemoteKeySourceException(
					"Could not fetch the Supabase JWKS: no answer within " + this.timeout.toMillis() + " ms", ex))
			.doOnError((ex) -> logger.warn(LogLines.oneLine(ex.getMessage())
					+ "; tokens that need it are refused, next fetch in " + this.refreshFloor.toSeconds()
					+ " s at the earliest"));
	}

	private RemoteKeySourceException unavailable() {
		Throwable failure = this.snapshot.lastFailure();
		String reason = (failure != null) ? failure.getMessage() : "no key set yet";
		return new RemoteKeySourceException(reason + " (the keys are fetched at most every "
				+ this.refreshFloor.toSeconds() + " s)", failure);
	}

	private Mono<Snapshot> load() {
		return this.http.retrieve(REQUEST, String.class)
			.switchIfEmpty(Mono.error(() -> new RemoteKeySourceException(
					"Could not fetch the Supabase JWKS: the response has no body", null)))
			.map(this::parse)
			.onErrorMap((ex) -> !(ex instanceof RemoteKeySourceException),
					(ex) -> new RemoteKeySourceException("Could not fetch the Supabase JWKS: " + ex.getMessage(), ex));
	}

	private Snapshot parse(String body) {
		try {
			return snapshot(JWKSet.parse(body));
		}
		catch (ParseException ex) {
			throw new IllegalStateException("the response is not a JWK set (" + ex.getMessage() + ")", ex);
		}
	}

	private static Snapshot snapshot(JWKSet set) {
		List<JWK> keys = new ArrayList<>();
		for (JWK key : set.getKeys()) {
			boolean asymmetric = KeyType.RSA.equals(key.getKeyType()) || KeyType.EC.equals(key.getKeyType());
			boolean signing = key.getKeyUse() == null || KeyUse.SIGNATURE.equals(key.getKeyUse());
			if (asymmetric && signing && key.getKeyID() != null) {
				JWK publicKey = key.toPublicJWK();
				if (publicKey != null) {
					keys.add(publicKey);
				}
			}
		}
		return new Snapshot(List.copyOf(keys));
	}

	/** The key ids last fetched, for diagnostics. */
	List<String> keyIds() {
		Snapshot current = (this.fixed != null) ? this.fixed : this.snapshot.last();
		return (current != null) ? current.keys().stream().map(JWK::getKeyID).toList() : List.of();
	}

	static String shorten(String value) {
		return (value.length() > MAX_KID_LENGTH) ? value.substring(0, MAX_KID_LENGTH) + "..." : value;
	}

	@Override
	public String toString() {
		return "SupabaseJwks[" + ((this.fixed != null) ? "configured keys " + keyIds() : this.http) + "]";
	}

	private record Snapshot(List<JWK> keys) {

		@Nullable JWK find(String kid) {
			for (JWK key : this.keys) {
				if (kid.equals(key.getKeyID())) {
					return key;
				}
			}
			return null;
		}


	}

}
