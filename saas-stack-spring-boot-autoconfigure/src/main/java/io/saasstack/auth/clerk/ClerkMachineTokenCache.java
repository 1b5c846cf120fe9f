package io.saasstack.auth.clerk;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.saasstack.auth.SaasMachine;
import reactor.core.publisher.Mono;

import org.springframework.util.Assert;

/**
 * The verified opaque machine tokens, so that a client sending the same token many times costs
 * one Backend API call per time to live:
 * <ul>
 * <li>an entry lives the time to live, never past the token's own expiry;</li>
 * <li>only verified tokens are kept: a refusal or a failure is never cached, the next request
 * asks Clerk again;</li>
 * <li>concurrent verifications of the same token share one call (single flight);</li>
 * <li>at most {@code maximumSize} entries: when full, expired entries go first, then arbitrary
 * ones;</li>
 * <li>keyed by the SHA-256 of the token: the token itself is not kept.</li>
 * </ul>
 * A revoked token therefore passes for at most the time to live after its revocation. A time to
 * live of zero disables the cache, not the single flight.
 *
 * @since 0.1.0
 */
public final class ClerkMachineTokenCache {

	/** The default time to live: 10 s. */
	public static final Duration DEFAULT_TIME_TO_LIVE = Duration.ofSeconds(10);

	/** The default maximum number of entries. */
	public static final int DEFAULT_MAXIMUM_SIZE = 10_000;

	private final Clock clock;

	private final Duration timeToLive;

	private final int maximumSize;

	private final Map<String, Entry> entries = new ConcurrentHashMap<>();

	private final Map<String, Mono<SaasMachine>> inFlight = new ConcurrentHashMap<>();

	/**
	 * @param clock source of "now"
	 * @param timeToLive how long a verified token is kept (zero: not kept)
	 * @param maximumSize the most tokens kept
	 */
	public ClerkMachineTokenCache(Clock clock, Duration timeToLive, int maximumSize) {
		Assert.notNull(clock, "clock must not be null");
		Assert.isTrue(!timeToLive.isNegative(), "timeToLive must not be negative");
		Assert.isTrue(maximumSize > 0, "maximumSize must be positive");
		this.clock = clock;
		this.timeToLive = timeToLive;
		this.maximumSize = maximumSize;
	}

	/**
	 * The machine of a token, from the cache or verified by the given function.
	 * @param token the token
	 * @param verifier verifies the token (subscribed at most once per concurrent miss)
	 */
	public Mono<SaasMachine> get(String token, Function<String, Mono<SaasMachine>> verifier) {
		return Mono.defer(() -> {
			String key = key(token);
			Entry entry = this.entries.get(key);
			Instant now = this.clock.instant();
			if (entry != null) {
				if (now.isBefore(entry.until())) {
					return Mono.just(entry.machine());
				}
				this.entries.remove(key, entry);
			}
			return this.inFlight.computeIfAbsent(key, (k) -> verifier.apply(token)
				.doOnNext((machine) -> store(k, machine))
				// before the outcome reaches anyone: a caller told of a failure finds no flight to join
				.doOnTerminate(() -> this.inFlight.remove(k))
				.doOnCancel(() -> this.inFlight.remove(k))
				.cache());
		});
	}

	/** The number of tokens kept (expired ones included until they are evicted). */
	public int size() {
		return this.entries.size();
	}

	private void store(String key, SaasMachine machine) {
		Instant now = this.clock.instant();
		Instant until = now.plus(this.timeToLive);
		if (machine.expiresAt() != null && machine.expiresAt().isBefore(until)) {
			until = machine.expiresAt();
		}
		if (!now.isBefore(until)) {
			return;
		}
		if (this.entries.size() >= this.maximumSize) {
			evict(now);
		}
		this.entries.put(key, new Entry(machine, until));
	}

	private void evict(Instant now) {
		this.entries.values().removeIf((entry) -> !now.isBefore(entry.until()));
		Iterator<String> keys = this.entries.keySet().iterator();
		while (this.entries.size() >= this.maximumSize && keys.hasNext()) {
			keys.next();
			keys.remove();
		}
	}

	static String key(String token) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public String toString() {
		return "ClerkMachineTokenCache[" + this.entries.size() + " of " + this.maximumSize + ", time to live "
				+ this.timeToLive + "]";
	}

	private record Entry(SaasMachine machine, Instant until) {
	}

}
