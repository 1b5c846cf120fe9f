package io.saasstack.auth.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.util.Assert;

/**
 * Tokens whose signature was verified, so that a token sent again is not verified again: an
 * ECDSA verification costs several RSA ones, and a user's requests carry the same token for its
 * whole life.
 * <p>
 * What makes it safe:
 * <ul>
 * <li>Only verified tokens are kept: a forged, malformed or refused token never enters, so a
 * stream of garbage cannot fill it, and one cannot be refused today and accepted tomorrow.</li>
 * <li>An entry is found by the SHA-256 of the exact token: another token, even one differing in a
 * single character of its signature, is a miss and is verified.</li>
 * <li>An entry lives for the time to live, never past the token's {@code exp}; the caller still
 * validates the claims, time ones included, on every hit.</li>
 * <li>The time to live is shorter than the key set's cache, so a key removed from the key set
 * stops being trusted no later than it would without this cache.</li>
 * <li>The number of entries is bounded; when full, an expired entry or, failing one, any entry
 * makes room.</li>
 * </ul>
 * It never blocks: lookups and inserts are those of a {@link ConcurrentHashMap}.
 *
 * @since 0.2.0
 */
public final class VerifiedJwtCache {

	private static final VerifiedJwtCache DISABLED = new VerifiedJwtCache(0, Duration.ofSeconds(1), Clock.systemUTC());

	private final int maxEntries;

	private final Duration timeToLive;

	private final Clock clock;

	private final Map<TokenHash, Entry> entries = new ConcurrentHashMap<>();

	/**
	 * @param maxEntries the most tokens kept; 0 keeps none
	 * @param timeToLive how long a token is kept at most
	 * @param clock the clock of the entries' expiry
	 */
	public VerifiedJwtCache(int maxEntries, Duration timeToLive, Clock clock) {
		Assert.isTrue(maxEntries >= 0, "maxEntries must not be negative");
		Assert.isTrue(timeToLive != null && !timeToLive.isNegative() && !timeToLive.isZero(),
				"timeToLive must be positive");
		Assert.notNull(clock, "clock must not be null");
		this.maxEntries = maxEntries;
		this.timeToLive = timeToLive;
		this.clock = clock;
	}

	/** A cache that keeps nothing: every token is verified. */
	public static VerifiedJwtCache disabled() {
		return DISABLED;
	}

	/** The verified token, or null when it is not kept (never seen, expired or evicted). */
	public @Nullable Jwt get(String token) {
		if (this.maxEntries == 0) {
			return null;
		}
		TokenHash hash = TokenHash.of(token);
		Entry entry = this.entries.get(hash);
		if (entry == null) {
			return null;
		}
		if (!this.clock.instant().isBefore(entry.expiresAt())) {
			this.entries.remove(hash, entry);
			return null;
		}
		return entry.jwt();
	}

	/** Keeps a token whose signature was verified and whose claims were validated. */
	public void put(String token, Jwt jwt) {
		if (this.maxEntries == 0) {
			return;
		}
		Instant now = this.clock.instant();
		Instant expiresAt = now.plus(this.timeToLive);
		if (jwt.getExpiresAt() != null && jwt.getExpiresAt().isBefore(expiresAt)) {
			expiresAt = jwt.getExpiresAt();
		}
		if (!now.isBefore(expiresAt)) {
			return;
		}
		if (this.entries.size() >= this.maxEntries) {
			makeRoom(now);
		}
		this.entries.put(TokenHash.of(token), new Entry(jwt, expiresAt));
	}

	private void makeRoom(Instant now) {
		Iterator<Map.Entry<TokenHash, Entry>> iterator = this.entries.entrySet().iterator();
		Map.Entry<TokenHash, Entry> first = null;
		int scanned = 0;
		// a bounded scan for an expired entry: the cost of an insert stays constant when full
		while (iterator.hasNext() && scanned++ < 16) {
			Map.Entry<TokenHash, Entry> candidate = iterator.next();
			if (!now.isBefore(candidate.getValue().expiresAt())) {
				this.entries.remove(candidate.getKey(), candidate.getValue());
				return;
			}
			if (first == null) {
				first = candidate;
			}
		}
		if (first != null) {
			this.entries.remove(first.getKey(), first.getValue());
		}
	}

	/** The number of tokens kept now. */
	public int size() {
		return this.entries.size();
	}

	@Override
	public String toString() {
		return "VerifiedJwtCache[" + this.entries.size() + " of " + this.maxEntries + ", " + this.timeToLive + "]";
	}

	private record Entry(Jwt jwt, Instant expiresAt) {

		@Override
		public String toString() {
			return "Entry[expires at " + this.expiresAt + "]";
		}

	}

	private record TokenHash(byte[] sha256) {

		static TokenHash of(String token) {
			try {
				return new TokenHash(
						MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException("SHA-256 is required of every Java platform", ex);
			}
		}

		@Override
		public boolean equals(@Nullable Object other) {
			return other instanceof TokenHash that && MessageDigest.isEqual(this.sha256, that.sha256);
		}

		@Override
		public int hashCode() {
			return Arrays.hashCode(this.sha256);
		}

		@Override
		public String toString() {
			return "TokenHash";
		}

	}

}
