package io.saasstack.mail.resend;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.saasstack.core.ProviderError;
import io.saasstack.core.RateLimit;
import io.saasstack.core.RequestPacer;
import io.saasstack.core.SaasClientProperties;
import io.saasstack.core.SaasHttpClient;
import io.saasstack.core.SaasHttpClientFactory;
import io.saasstack.core.SaasRateLimitException;
import io.saasstack.core.SaasRequest;
import io.saasstack.mail.Email;
import io.saasstack.mail.SendResult;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.test.scheduler.VirtualTimeScheduler;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link ResendPacer}: the schedule of turns in virtual time (exact and
 * deterministic), then against WireMock in real time (lower bounds only).
 */
class ResendPacerTests {

	static final SaasRequest REQUEST = SaasRequest.post("emails.send", "/emails").build();

	static final Duration SECOND = Duration.ofSeconds(1);

	static SaasRateLimitException rateLimited(@Nullable Duration retryAfter) {
		return new SaasRateLimitException("resend", "emails.send", 429,
				new ProviderError("rate_limit_exceeded", "Too many requests.", null, true, true),
				new RateLimit(5L, 0L, null, retryAfter), true);
	}

	static SaasRateLimitException quota() {
		return new SaasRateLimitException("resend", "emails.send", 429,
				new ProviderError("daily_quota_exceeded", "You have reached your daily email sending quota.", null,
						false, true),
				new RateLimit(null, null, null, Duration.ofSeconds(1)), false);
	}

	@Nested
	class InVirtualTime {

		final VirtualTimeScheduler time = VirtualTimeScheduler.create();

		final List<Long> starts = new CopyOnWriteArrayList<>();

		final List<Throwable> failures = new CopyOnWriteArrayList<>();

		ResendPacer pacer(double requestsPerSecond, Duration maxWait) {
			return new ResendPacer(requestsPerSecond, maxWait, this.time, () -> this.time.now(TimeUnit.NANOSECONDS));
		}

		void acquire(ResendPacer pacer) {
			pacer.acquire(REQUEST)
				.subscribe(null, this.failures::add, () -> this.starts.add(this.time.now(TimeUnit.NANOSECONDS)));
		}

		void acquireAt(ResendPacer pacer, long nanos) {
			this.time.schedule(() -> acquire(pacer), nanos, TimeUnit.NANOSECONDS);
		}

		List<Duration> starts() {
			return this.starts.stream().sorted().map(Duration::ofNanos).toList();
		}

		@Test
		void theIntervalIsTheInverseRatePlusTwoPercent() {
			assertThat(pacer(5, SECOND).interval()).isEqualTo(Duration.ofMillis(220));
			assertThat(pacer(20, SECOND).interval()).isEqualTo(Duration.ofMillis(55));
			assertThat(pacer(0.5, Duration.ofMinutes(1)).interval()).isEqualTo(Duration.ofMillis(2200));
		}

		@Test
		void spreadsABurstEvenlyInsteadOfLettingItThrough() {
			ResendPacer pacer = pacer(5, Duration.ofMinutes(2));
			for (int i = 0; i < 12; i++) {
				acquire(pacer);
			}
			assertThat(this.starts).isEmpty();
			this.time.advanceTimeBy(Duration.ofSeconds(10));
			List<Duration> starts = starts();
			assertThat(starts).hasSize(12);
			assertThat(starts.get(0)).isEqualTo(Duration.ofMillis(110));
			for (int i = 1; i < starts.size(); i++) {
				assertThat(starts.get(i).minus(starts.get(i - 1))).isEqualTo(Duration.ofMillis(220));
			}
		}

		@Test
		void noSlidingSecondHoldsMoreCallsThanTheLimitWhateverTheArrivals() {
			ResendPacer pacer = pacer(5, Duration.ofMinutes(2));
			Random random = new Random(42);
			long arrival = 0;
			for (int i = 0; i < 200; i++) {
				// bursts, lone calls, calls just before and after the limiter's cycle boundaries
				arrival += (random.nextInt(4) == 0) ? random.nextLong(600_000_000L) : random.nextLong(3_000_000L);
				acquireAt(pacer, arrival);
			}
			this.time.advanceTimeBy(Duration.ofMinutes(5));
			List<Duration> starts = starts();
			assertThat(starts).hasSize(200);
			for (int i = 1; i < starts.size(); i++) {
				assertThat(starts.get(i).minus(starts.get(i - 1))).isGreaterThanOrEqualTo(pacer.interval());
			}
			for (int i = 5; i < starts.size(); i++) {
				assertThat(starts.get(i).minus(starts.get(i - 5))).as("6 calls within a second").isGreaterThan(SECOND);
			}
		}

		@Test
		void aLoneCallWaitsAtMostHalfAnInterval() {
			ResendPacer pacer = pacer(5, SECOND);
			acquireAt(pacer, Duration.ofMillis(3_001).toNanos());
			this.time.advanceTimeBy(Duration.ofSeconds(5));
			assertThat(starts()).singleElement()
				.satisfies((start) -> assertThat(start).isBetween(Duration.ofMillis(3_001), Duration.ofMillis(3_103)));
		}

		@Test
		void aRateLimitAnswerHoldsTheFollowingCalls() {
			ResendPacer pacer = pacer(20, Duration.ofSeconds(5));
			acquire(pacer);
			this.time.advanceTimeBy(Duration.ofMillis(100));
			pacer.rejected(rateLimited(Duration.ofSeconds(1)));
			acquire(pacer);
			acquire(pacer);
			this.time.advanceTimeBy(Duration.ofSeconds(5));
			List<Duration> starts = starts();
			assertThat(starts).hasSize(3);
			assertThat(starts.get(0)).isLessThan(Duration.ofMillis(100));
			assertThat(starts.get(1)).isGreaterThanOrEqualTo(Duration.ofMillis(1_100));
			assertThat(starts.get(2).minus(starts.get(1))).isGreaterThanOrEqualTo(pacer.interval());
		}

		@Test
		void aRateLimitAnswerAlsoHoldsCallsAlreadyWaitingForTheirTurn() {
			ResendPacer pacer = pacer(20, Duration.ofSeconds(5));
			for (int i = 0; i < 4; i++) {
				acquire(pacer);
			}
			// turns at 27.5, 82.5, 137.5 and 192.5 ms
			this.time.advanceTimeBy(Duration.ofMillis(90));
			assertThat(this.starts).hasSize(2);
			pacer.rejected(rateLimited(Duration.ofSeconds(1)));
			this.time.advanceTimeBy(Duration.ofSeconds(5));
			List<Duration> starts = starts();
			assertThat(starts).hasSize(4);
			assertThat(starts.subList(2, 4)).allSatisfy((start) -> assertThat(start).isGreaterThanOrEqualTo(
					Duration.ofMillis(1_090)));
		}

		@Test
		void aRateLimitAnswerWithoutRetryAfterHoldsOneSecond() {
			ResendPacer pacer = pacer(20, Duration.ofSeconds(5));
			pacer.rejected(rateLimited(null));
			acquire(pacer);
			this.time.advanceTimeBy(Duration.ofSeconds(5));
			assertThat(starts()).singleElement().satisfies((start) -> assertThat(start).isGreaterThanOrEqualTo(SECOND));
		}

		@Test
		void aQuotaAnswerHoldsNothing() {
			ResendPacer pacer = pacer(20, Duration.ofSeconds(5));
			pacer.rejected(quota());
			acquire(pacer);
			this.time.advanceTimeBy(Duration.ofSeconds(5));
			assertThat(starts()).singleElement()
				.satisfies((start) -> assertThat(start).isLessThanOrEqualTo(pacer.interval()));
		}

		/** Schedules like {@link #time}, but fires the first delayed task {@code lateness} late: a busy CPU. */
		Scheduler lateFirstTimer(Duration lateness) {
			AtomicLong tasks = new AtomicLong();
			return new Scheduler() {

				@Override
				public Disposable schedule(Runnable task) {
					return InVirtualTime.this.time.schedule(task);
				}

				@Override
				public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
					long extra = (tasks.getAndIncrement() == 0) ? lateness.toNanos() : 0;
					return InVirtualTime.this.time.schedule(task, unit.toNanos(delay) + extra, TimeUnit.NANOSECONDS);
				}

				@Override
				public Worker createWorker() {
					return InVirtualTime.this.time.createWorker();
				}

			};
		}

		@Test
		void aLateTimerDelaysTheNextCallsInsteadOfBringingThemCloser() {
			// the figure: the first turn's timer fired 115 ms late, the second on time, 105 ms later
			ResendPacer pacer = new ResendPacer(5, Duration.ofMinutes(1), lateFirstTimer(Duration.ofMillis(115)),
					() -> this.time.now(TimeUnit.NANOSECONDS));
			for (int i = 0; i < 6; i++) {
				acquire(pacer);
			}
			this.time.advanceTimeBy(Duration.ofSeconds(5));
			List<Duration> starts = starts();
			assertThat(starts).hasSize(6);
			assertThat(starts.get(0)).isEqualTo(Duration.ofMillis(225));
			for (int i = 1; i < starts.size(); i++) {
				assertThat(starts.get(i).minus(starts.get(i - 1))).isGreaterThanOrEqualTo(pacer.interval());
			}
		}

		@Test
		void aFullWindowSpacesTheNextCallFromTheAnswer() {
			ResendPacer pacer = pacer(5, Duration.ofMinutes(1));
			acquire(pacer);
			acquire(pacer);
			this.time.advanceTimeBy(Duration.ofMillis(110));
			assertThat(starts()).containsExactly(Duration.ofMillis(110));
			// the answer to the first call comes 90 ms after it left, and says the window is full
			this.time.advanceTimeBy(Duration.ofMillis(90));
			pacer.observed(REQUEST, new RateLimit(5L, 0L, SECOND, null));
			this.time.advanceTimeBy(Duration.ofSeconds(2));
			// one interval after the answer (200 + 220), not after the departure (110 + 220)
			assertThat(starts()).containsExactly(Duration.ofMillis(110), Duration.ofMillis(420));
		}

		@Test
		void aCallWaitsWhileTheCallsStillTravellingWouldFillResendsWindow() {
			ResendPacer pacer = pacer(5, Duration.ofMinutes(1));
			for (int i = 0; i < 3; i++) {
				acquire(pacer);
			}
			this.time.advanceTimeBy(Duration.ofMillis(200));
			// the first call's answer: room for one more
			pacer.observed(REQUEST, new RateLimit(5L, 1L, SECOND, null));
			// the second call leaves at 330 and is slow to answer (a loaded machine): at 550 the third
			// would overlap it into a full window, so it waits for the answer, then an interval
			this.time.advanceTimeBy(Duration.ofMillis(400));
			pacer.observed(REQUEST, new RateLimit(5L, 0L, SECOND, null));
			this.time.advanceTimeBy(Duration.ofSeconds(2));
			assertThat(starts()).containsExactly(Duration.ofMillis(110), Duration.ofMillis(330), Duration.ofMillis(820));
		}

		@Test
		void anAnswerThatNeverComesHoldsCallsAtMostAWindow() {
			ResendPacer pacer = pacer(5, Duration.ofMinutes(1));
			acquire(pacer);
			this.time.advanceTimeBy(Duration.ofMillis(200));
			pacer.observed(REQUEST, new RateLimit(5L, 1L, SECOND, null));
			acquire(pacer);
			acquire(pacer);
			// the second call (330) is never answered: the third leaves a window after it at the latest
			this.time.advanceTimeBy(Duration.ofSeconds(5));
			List<Duration> starts = starts();
			assertThat(starts).hasSize(3);
			assertThat(starts.get(2)).isGreaterThan(Duration.ofMillis(550)).isLessThanOrEqualTo(Duration.ofMillis(1_340));
		}

		@Test
		void answersWithRoomLeftChangeNothing() {
			ResendPacer pacer = pacer(5, Duration.ofMinutes(1));
			for (int i = 0; i < 4; i++) {
				acquire(pacer);
			}
			this.time.advanceTimeBy(Duration.ofMillis(200));
			pacer.observed(REQUEST, new RateLimit(5L, 3L, SECOND, null));
			pacer.observed(REQUEST, RateLimit.NONE);
			this.time.advanceTimeBy(Duration.ofSeconds(2));
			assertThat(starts()).containsExactly(Duration.ofMillis(110), Duration.ofMillis(330), Duration.ofMillis(550),
					Duration.ofMillis(770));
		}

		@Test
		void aLowerLimitOfTheTeamIsAdoptedAndAHigherOneIgnored() {
			ResendPacer pacer = pacer(5, Duration.ofMinutes(1));
			pacer.observed(REQUEST, new RateLimit(2L, 1L, SECOND, null));
			assertThat(pacer.currentGap()).isEqualTo(Duration.ofMillis(550));
			for (int i = 0; i < 4; i++) {
				acquire(pacer);
			}
			this.time.advanceTimeBy(Duration.ofSeconds(5));
			List<Duration> starts = starts();
			assertThat(starts).hasSize(4);
			for (int i = 1; i < starts.size(); i++) {
				assertThat(starts.get(i).minus(starts.get(i - 1))).isGreaterThanOrEqualTo(Duration.ofMillis(550));
			}
			pacer.observed(REQUEST, new RateLimit(10L, 9L, SECOND, null));
			assertThat(pacer.currentGap()).isEqualTo(pacer.interval());
		}

		@Test
		void aTurnLaterThanMaxWaitFailsAtOnce() {
			ResendPacer pacer = pacer(2, Duration.ofMillis(560));
			acquire(pacer);
			acquire(pacer);
			assertThat(this.failures).singleElement()
				.isInstanceOfSatisfying(ResendPacingTimeoutException.class, (ex) -> {
					assertThat(ex.getProvider()).isEqualTo("resend");
					assertThat(ex.getOperation()).isEqualTo("emails.send");
					assertThat(ex.isRetryable()).isFalse();
					assertThat(ex.getMaxWait()).isEqualTo(Duration.ofMillis(560));
					assertThat(ex.getMessage()).isEqualTo("resend emails.send was not sent: waiting for its turn under "
							+ "the client-side limit of 2.0 requests per second (saas.mail.resend.requests-per-second)"
							+ " would take longer, more than the pacing timeout of 560 ms "
							+ "(saas.mail.resend.pacing-timeout)");
				});
			this.time.advanceTimeBy(Duration.ofSeconds(5));
			assertThat(this.starts).hasSize(1);
		}

		@Test
		void aHoldLongerThanMaxWaitFailsAtOnce() {
			ResendPacer pacer = pacer(5, Duration.ofSeconds(2));
			pacer.rejected(rateLimited(Duration.ofSeconds(10)));
			acquire(pacer);
			assertThat(this.failures).singleElement()
				.isInstanceOfSatisfying(ResendPacingTimeoutException.class, (ex) -> {
					assertThat(ex.getWait()).isEqualTo(Duration.ofSeconds(10));
					assertThat(ex.getMessage()).startsWith("resend emails.send was not sent: waiting out the hold "
							+ "Resend asked for (HTTP 429) would take 10000 ms, more than the pacing timeout of 2000 ms");
				});
		}

		@Test
		void aTurnLaterThanWhatAHoldLeftOfMaxWaitFails() {
			ResendPacer pacer = pacer(5, Duration.ofMillis(1_100));
			pacer.rejected(rateLimited(Duration.ofSeconds(1)));
			acquire(pacer);
			acquire(pacer);
			this.time.advanceTimeBy(Duration.ofSeconds(5));
			assertThat(starts()).singleElement()
				.satisfies((start) -> assertThat(start).isGreaterThanOrEqualTo(SECOND));
			assertThat(this.failures).singleElement()
				.isInstanceOfSatisfying(ResendPacingTimeoutException.class,
						(ex) -> assertThat(ex.getWait()).isGreaterThan(Duration.ofMillis(1_100)));
		}

	}

	@Nested
	class Construction {

		@Test
		void rejectsARateThatIsNotPositive() {
			assertThatIllegalArgumentException().isThrownBy(() -> new ResendPacer(0, SECOND))
				.withMessage("requestsPerSecond must be positive");
			assertThatIllegalArgumentException().isThrownBy(() -> new ResendPacer(Double.NaN, SECOND));
		}

		@Test
		void rejectsAMaxWaitShorterThanTheInterval() {
			assertThatIllegalArgumentException().isThrownBy(() -> new ResendPacer(5, Duration.ofMillis(100)))
				.withMessage("maxWait must be at least the interval between two calls (220 ms at 5.0 requests per second)");
		}

		@Test
		void describesItself() {
			assertThat(new ResendPacer(5, Duration.ofMinutes(2)))
				.hasToString("ResendPacer[5.0 requests/s, one every 220 ms, max wait 120000 ms]");
		}

	}

	@Nested
	class WithResend {

		@RegisterExtension
		static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

		static final Email EMAIL = Email.builder()
			.from("hello@acme.com")
			.to("a@example.com")
			.subject("Hi")
			.text("Hi")
			.build();

		static ResendMailClient client(RequestPacer pacer) {
			SaasClientProperties properties = new SaasClientProperties(URI.create(wm.baseUrl())) {
			};
			properties.getRetry().setInitialBackoff(Duration.ofMillis(10));
			properties.getRetry().setMaxBackoff(Duration.ofMillis(50));
			properties.getRetry().setMaxElapsedTime(Duration.ofSeconds(5));
			SaasHttpClient http = ResendMailClient.httpClient(SaasHttpClientFactory.standalone(), properties,
					"re_test_0123456789", pacer);
			return new ResendMailClient(http, MailDefaults.NONE);
		}

		static int requestCount() {
			return wm.findAll(anyRequestedFor(anyUrl())).size();
		}

		@Test
		void tenSendsAtTwentyPerSecondTakeAtLeastNineIntervals() {
			wm.stubFor(post("/emails").willReturn(okJson("{\"id\":\"e1\"}")));
			ResendMailClient client = client(new ResendPacer(20, Duration.ofSeconds(5)));
			long start = System.nanoTime();
			List<SendResult> results = Flux.range(0, 10).flatMap((i) -> client.send(EMAIL)).collectList().block();
			Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
			assertThat(results).hasSize(10);
			assertThat(requestCount()).isEqualTo(10);
			assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(450));
		}

		@Test
		void aRateLimitAnswerHoldsTheOtherCallsForItsRetryAfter() {
			wm.stubFor(post("/emails").inScenario("limited")
				.whenScenarioStateIs(Scenario.STARTED)
				.willReturn(aResponse().withStatus(429)
					.withHeader("Content-Type", "application/json")
					.withHeader("retry-after", "1")
					.withBody("{\"statusCode\":429,\"name\":\"rate_limit_exceeded\",\"message\":\"Too many requests.\"}"))
				.willSetStateTo("open"));
			wm.stubFor(post("/emails").inScenario("limited").whenScenarioStateIs("open")
				.willReturn(okJson("{\"id\":\"e1\"}")));
			ResendPacer pacer = new ResendPacer(20, Duration.ofSeconds(5));
			CountDownLatch rejected = new CountDownLatch(1);
			AtomicLong rejectedAt = new AtomicLong();
			RequestPacer observed = new RequestPacer() {

				@Override
				public Mono<Void> acquire(SaasRequest request) {
					return pacer.acquire(request);
				}

				@Override
				public void rejected(SaasRateLimitException exception) {
					rejectedAt.set(System.nanoTime());
					pacer.rejected(exception);
					rejected.countDown();
				}

			};
			ResendMailClient client = client(observed);
			CompletableFuture<SendResult> first = client.send(EMAIL).toFuture();
			await(rejected);
			client.send(EMAIL).block();
			long secondAnsweredAt = System.nanoTime();
			assertThat(first.join().id()).isEqualTo("e1");
			assertThat(requestCount()).isEqualTo(3);
			assertThat(Duration.ofNanos(secondAnsweredAt - rejectedAt.get())).isGreaterThanOrEqualTo(SECOND);
		}

		/**
		 * Three sends at once, 2 per second, 560 ms pacing timeout: the first goes at its turn, the
		 * second and third would wait longer and fail at once without a request. The pacer's time
		 * is virtual, so a stall of the machine cannot move a turn: the outcome is the same under
		 * any scheduling.
		 */
		@Test
		void aCallThatWouldWaitLongerThanMaxWaitFailsWithoutARequest() throws Exception {
			wm.stubFor(post("/emails").willReturn(okJson("{\"id\":\"e1\"}")));
			VirtualTimeScheduler time = VirtualTimeScheduler.create();
			ResendMailClient client = client(new ResendPacer(2, Duration.ofMillis(560), time,
					() -> time.now(TimeUnit.NANOSECONDS)));
			List<CompletableFuture<Object>> outcomes = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				outcomes.add(client.send(EMAIL).<Object>map((result) -> result).onErrorResume(Mono::just).toFuture());
			}
			// two fail before any virtual time passes, whichever thread subscribed them
			org.awaitility.Awaitility.await()
				.atMost(Duration.ofSeconds(10))
				.until(() -> outcomes.stream().filter(CompletableFuture::isDone).count() >= 2);
			assertThat(outcomes).filteredOn(CompletableFuture::isDone)
				.hasSize(2)
				.allSatisfy((outcome) -> assertThat(outcome.join()).isInstanceOf(ResendPacingTimeoutException.class));
			assertThat(requestCount()).isZero();
			time.advanceTimeBy(Duration.ofSeconds(1));
			CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
			assertThat(outcomes).filteredOn((outcome) -> outcome.join() instanceof SendResult).hasSize(1);
			assertThat(requestCount()).isEqualTo(1);
		}

		private static void await(CountDownLatch latch) {
			try {
				assertThat(latch.await(5, TimeUnit.SECONDS)).isTrue();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

	}

}
