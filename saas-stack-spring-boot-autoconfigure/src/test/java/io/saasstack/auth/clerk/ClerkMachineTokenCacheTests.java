package io.saasstack.auth.clerk;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.saasstack.MutableClock;
import io.saasstack.auth.SaasMachine;
import io.saasstack.auth.SaasTokenType;
import io.saasstack.auth.security.TokenFailure;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ClerkMachineTokenCache}: time to live bounded by the token's expiry, failures
 * never kept, single flight, bounded size, and the token never kept.
 */
class ClerkMachineTokenCacheTests {

	private final MutableClock clock = new MutableClock(Instant.ofEpochSecond(1_700_000_000L));

	private final AtomicInteger calls = new AtomicInteger();

	private SaasMachine machine(Instant expiresAt) {
		return new SaasMachine("clerk", SaasTokenType.API_KEY, "ak_id", "user_1", "key", null, List.of("a"), Map.of(),
				expiresAt);
	}

	private Mono<SaasMachine> verified(Instant expiresAt) {
		return Mono.fromCallable(() -> {
			this.calls.incrementAndGet();
			return machine(expiresAt);
		});
	}

	@Test
	void keptForTheTimeToLive() {
		ClerkMachineTokenCache cache = new ClerkMachineTokenCache(this.clock, Duration.ofSeconds(10), 10);
		cache.get("ak_1", (token) -> verified(null)).block();
		this.clock.advance(Duration.ofSeconds(9));
		cache.get("ak_1", (token) -> verified(null)).block();
		assertThat(this.calls).hasValue(1);
		this.clock.advance(Duration.ofSeconds(1));
		cache.get("ak_1", (token) -> verified(null)).block();
		assertThat(this.calls).hasValue(2);
	}

	@Test
	void neverKeptPastTheTokensExpiry() {
		ClerkMachineTokenCache cache = new ClerkMachineTokenCache(this.clock, Duration.ofSeconds(10), 10);
		Instant expiry = this.clock.instant().plusSeconds(3);
		cache.get("ak_1", (token) -> verified(expiry)).block();
		this.clock.advance(Duration.ofSeconds(2));
		cache.get("ak_1", (token) -> verified(expiry)).block();
		assertThat(this.calls).hasValue(1);
		this.clock.advance(Duration.ofSeconds(1));
		cache.get("ak_1", (token) -> verified(expiry)).block();
		assertThat(this.calls).hasValue(2);
	}

	@Test
	void failuresAndRevocationsAreNeverKept() {
		ClerkMachineTokenCache cache = new ClerkMachineTokenCache(this.clock, Duration.ofSeconds(10), 10);
		for (int i = 0; i < 2; i++) {
			assertThatExceptionOfType(ClerkMachineTokenException.class)
				.isThrownBy(() -> cache.get("ak_1", (token) -> Mono.<SaasMachine>error(() -> {
					this.calls.incrementAndGet();
					return new ClerkMachineTokenException(TokenFailure.INVALID, "token-revoked", "revoked", null);
				})).block());
		}
		assertThat(this.calls).hasValue(2);
		assertThat(cache.size()).isZero();
		cache.get("ak_1", (token) -> verified(null)).block();
		assertThat(this.calls).hasValue(3);
	}

	@Test
	void concurrentVerificationsOfOneTokenShareOneCall() throws InterruptedException {
		ClerkMachineTokenCache cache = new ClerkMachineTokenCache(this.clock, Duration.ofSeconds(10), 10);
		CountDownLatch release = new CountDownLatch(1);
		Mono<SaasMachine> slow = Mono.fromCallable(() -> {
			this.calls.incrementAndGet();
			release.await(5, TimeUnit.SECONDS);
			return machine(null);
		}).subscribeOn(Schedulers.boundedElastic());
		List<Mono<SaasMachine>> requests = new java.util.ArrayList<>();
		for (int i = 0; i < 20; i++) {
			requests.add(cache.get("mt_1", (token) -> slow));
		}
		Mono<List<SaasMachine>> all = Flux.merge(requests).collectList();
		Thread releaser = new Thread(() -> {
			try {
				Thread.sleep(200);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			release.countDown();
		});
		releaser.start();
		assertThat(all.block(Duration.ofSeconds(10))).hasSize(20);
		assertThat(this.calls).hasValue(1);
		// another token is another call
		cache.get("mt_2", (token) -> verified(null)).block();
		assertThat(this.calls).hasValue(2);
	}

	@Test
	void concurrentFailuresAreSharedButNotKept() {
		ClerkMachineTokenCache cache = new ClerkMachineTokenCache(this.clock, Duration.ofSeconds(10), 10);
		Mono<SaasMachine> failing = Mono.<SaasMachine>error(() -> {
			this.calls.incrementAndGet();
			return new IllegalStateException("down");
		}).delaySubscription(Duration.ofMillis(100));
		List<Mono<SaasMachine>> requests = List.of(cache.get("mt_1", (token) -> failing),
				cache.get("mt_1", (token) -> failing), cache.get("mt_1", (token) -> failing));
		assertThat(Flux.merge(requests.stream().map((mono) -> mono.onErrorResume((ex) -> Mono.empty())).toList())
			.collectList()
			.block(Duration.ofSeconds(5))).isEmpty();
		assertThat(this.calls).hasValue(1);
		assertThat(cache.get("mt_1", (token) -> verified(null)).block()).isNotNull();
		assertThat(this.calls).hasValue(2);
	}

	@Test
	void boundedInSize() {
		ClerkMachineTokenCache cache = new ClerkMachineTokenCache(this.clock, Duration.ofSeconds(10), 5);
		for (int i = 0; i < 50; i++) {
			cache.get("ak_" + i, (token) -> verified(null)).block();
		}
		assertThat(cache.size()).isLessThanOrEqualTo(5);
	}

	@Test
	void zeroTimeToLiveKeepsNothing() {
		ClerkMachineTokenCache cache = new ClerkMachineTokenCache(this.clock, Duration.ZERO, 5);
		cache.get("ak_1", (token) -> verified(null)).block();
		cache.get("ak_1", (token) -> verified(null)).block();
		assertThat(this.calls).hasValue(2);
	}

	@Test
	void keyedByAHashNeverTheToken() {
		String key = ClerkMachineTokenCache.key("ak_secret_value");
		assertThat(key).doesNotContain("secret").hasSize(43);
		ClerkMachineTokenCache cache = new ClerkMachineTokenCache(this.clock, Duration.ofSeconds(10), 5);
		cache.get("ak_secret_value", (token) -> verified(null)).block();
		assertThat(cache.toString()).doesNotContain("secret");
	}

}
