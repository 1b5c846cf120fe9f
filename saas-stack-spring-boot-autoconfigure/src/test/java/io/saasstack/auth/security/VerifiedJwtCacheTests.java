package io.saasstack.auth.security;

import java.time.Duration;
import java.time.Instant;

import io.saasstack.MutableClock;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link VerifiedJwtCache}.
 */
class VerifiedJwtCacheTests {

	static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

	final MutableClock clock = new MutableClock(NOW);

	static Jwt jwt(String token, Instant expiresAt) {
		return Jwt.withTokenValue(token).header("alg", "ES256").subject("user").expiresAt(expiresAt).build();
	}

	@Test
	void keepsAVerifiedTokenForItsTimeToLive() {
		VerifiedJwtCache cache = new VerifiedJwtCache(10, Duration.ofMinutes(5), this.clock);
		Jwt jwt = jwt("a.b.c", NOW.plusSeconds(3600));
		assertThat(cache.get("a.b.c")).isNull();
		cache.put("a.b.c", jwt);
		assertThat(cache.get("a.b.c")).isSameAs(jwt);
		this.clock.advance(Duration.ofMinutes(5).minusMillis(1));
		assertThat(cache.get("a.b.c")).isSameAs(jwt);
		this.clock.advance(Duration.ofMillis(1));
		assertThat(cache.get("a.b.c")).isNull();
		assertThat(cache.size()).isZero();
	}

	@Test
	void neverKeepsATokenPastItsExpiry() {
		VerifiedJwtCache cache = new VerifiedJwtCache(10, Duration.ofMinutes(5), this.clock);
		cache.put("a.b.c", jwt("a.b.c", NOW.plusSeconds(60)));
		this.clock.advance(Duration.ofSeconds(59));
		assertThat(cache.get("a.b.c")).isNotNull();
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(cache.get("a.b.c")).isNull();
		cache.put("d.e.f", jwt("d.e.f", NOW));
		assertThat(cache.size()).as("an expired token is not kept").isZero();
	}

	@Test
	void anotherTokenIsAMissEvenIfItDiffersByOneCharacter() {
		VerifiedJwtCache cache = new VerifiedJwtCache(10, Duration.ofMinutes(5), this.clock);
		cache.put("header.payload.signatureA", jwt("header.payload.signatureA", NOW.plusSeconds(3600)));
		assertThat(cache.get("header.payload.signatureB")).isNull();
		assertThat(cache.get("header.payload.signatureA ")).isNull();
		assertThat(cache.get("header.payload.signature")).isNull();
		assertThat(cache.get("header.payload.signatureé")).isNull();
	}

	@Test
	void isBoundedPreferringToDropExpiredEntries() {
		VerifiedJwtCache cache = new VerifiedJwtCache(3, Duration.ofMinutes(5), this.clock);
		cache.put("t1", jwt("t1", NOW.plusSeconds(10)));
		cache.put("t2", jwt("t2", NOW.plusSeconds(3600)));
		cache.put("t3", jwt("t3", NOW.plusSeconds(3600)));
		this.clock.advance(Duration.ofSeconds(10));
		cache.put("t4", jwt("t4", NOW.plusSeconds(3600)));
		assertThat(cache.size()).isEqualTo(3);
		assertThat(cache.get("t2")).isNotNull();
		assertThat(cache.get("t3")).isNotNull();
		assertThat(cache.get("t4")).isNotNull();
		for (int i = 5; i < 1000; i++) {
			cache.put("t" + i, jwt("t" + i, NOW.plusSeconds(3600)));
		}
		assertThat(cache.size()).isEqualTo(3);
		assertThat(cache.get("t999")).isNotNull();
	}

	@Test
	void aDisabledCacheKeepsNothing() {
		VerifiedJwtCache cache = VerifiedJwtCache.disabled();
		cache.put("a.b.c", jwt("a.b.c", NOW.plusSeconds(3600)));
		assertThat(cache.get("a.b.c")).isNull();
		VerifiedJwtCache empty = new VerifiedJwtCache(0, Duration.ofMinutes(5), this.clock);
		empty.put("a.b.c", jwt("a.b.c", NOW.plusSeconds(3600)));
		assertThat(empty.size()).isZero();
	}

	@Test
	void neverShowsATokenNorItsClaims() {
		VerifiedJwtCache cache = new VerifiedJwtCache(10, Duration.ofMinutes(5), this.clock);
		cache.put("secret.token.value", jwt("secret.token.value", NOW.plusSeconds(3600)));
		assertThat(cache).hasToString("VerifiedJwtCache[1 of 10, PT5M]");
	}

	@Test
	void rejectsBadSettings() {
		assertThatIllegalArgumentException().isThrownBy(() -> new VerifiedJwtCache(-1, Duration.ofMinutes(1), this.clock))
			.withMessage("maxEntries must not be negative");
		assertThatIllegalArgumentException().isThrownBy(() -> new VerifiedJwtCache(1, Duration.ZERO, this.clock))
			.withMessage("timeToLive must be positive");
	}

}
