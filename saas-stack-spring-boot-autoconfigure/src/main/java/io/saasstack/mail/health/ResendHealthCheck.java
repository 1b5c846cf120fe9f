package io.saasstack.mail.health;

import java.time.Duration;
import java.util.List;

import io.saasstack.core.SaasApiException;
import io.saasstack.core.SaasException;
import io.saasstack.core.SaasHttpClient;
import io.saasstack.core.SaasRequest;
import io.saasstack.core.health.SaasHealthCheck;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.Health;
import org.springframework.util.Assert;

/**
 * Checks that Resend answers and accepts the API key, with the cheapest authenticated read of
 * its API: {@code GET /domains?limit=1} (one domain at most; Resend has no status endpoint, and
 * listing emails would carry email content). A full-access key gets UP, with whether the team
 * has a domain. A sending-only key is refused by every endpoint but the send endpoints with
 * {@code 401 restricted_api_key} (reference {@code mail-resend.md} §7): the key is valid and
 * Resend answered, so that is UP too, with {@code access: sending only}. Any other failure is
 * DOWN with the failure's message, which never contains the key.
 * <p>
 * The application's own calls are evidence too, and come first: the check goes through the
 * application's Resend client, paced like any call, so during a burst of sends it would wait
 * behind them, time out and report DOWN for a whole cache period although Resend answers every
 * send. So when the client had a successful (2xx) answer within
 * the evidence window ({@code saas.health.cache-time-to-live} by default), the check is UP with
 * {@code evidence} and {@code lastAnswer} details and sends nothing; otherwise it probes, and
 * successful answers to other calls while the probe waits for its turn make it UP (two answers,
 * since the probe's own one is counted too; the probe is then cancelled before it is sent). Our own queueing never makes Resend look down, and
 * a busy application spends none of its rate limit on health. saas-stack caches the result
 * ({@code saas.health.*}).
 *
 * @since 0.1.0
 */
public final class ResendHealthCheck implements SaasHealthCheck {

	private static final SaasRequest REQUEST = SaasRequest.get("domains.list", "/domains").query("limit", 1).build();

	/** Evidence window of {@link #ResendHealthCheck(SaasHttpClient)}: saas-stack's default cache time. */
	public static final Duration DEFAULT_EVIDENCE_WINDOW = Duration.ofSeconds(60);

	/** How often a waiting probe looks for a successful answer to another call. */
	private static final Duration EVIDENCE_POLL = Duration.ofMillis(20);

	private final SaasHttpClient http;

	private final Duration evidenceWindow;

	/**
	 * @param http the client of the Resend API, the one the mail client uses
	 */
	public ResendHealthCheck(SaasHttpClient http) {
		this(http, DEFAULT_EVIDENCE_WINDOW);
	}

	/**
	 * @param http the client of the Resend API, the one the mail client uses
	 * @param evidenceWindow how recent a successful answer to the application's calls must be to
	 * report UP without a probe; zero to always probe
	 */
	public ResendHealthCheck(SaasHttpClient http, Duration evidenceWindow) {
		Assert.notNull(http, "http must not be null");
		Assert.isTrue(evidenceWindow != null && !evidenceWindow.isNegative(), "evidenceWindow must not be negative");
		this.http = http;
		this.evidenceWindow = evidenceWindow;
	}

	@Override
	public String name() {
		return "resend";
	}

	@Override
	public Mono<Health> check() {
		return Mono.defer(() -> {
			Duration since = this.http.sinceLastAcceptedAnswer();
			if (since != null && since.compareTo(this.evidenceWindow) < 0) {
				return Mono.just(fromEvidence(since));
			}
			long answersBefore = this.http.acceptedAnswers();
			// two answers: the probe's own is counted before the probe emits, and must not decide
			Mono<Health> otherCallAnswered = Flux.interval(EVIDENCE_POLL)
				.filter((tick) -> this.http.acceptedAnswers() - answersBefore >= 2)
				.next()
				.map((tick) -> fromEvidence(this.http.sinceLastAcceptedAnswer()));
			return (this.evidenceWindow.isZero()) ? probe() : Mono.firstWithValue(probe(), otherCallAnswered);
		});
	}

	private static Health fromEvidence(@Nullable Duration since) {
		return Health.up()
			.withDetail("evidence", "the application's calls to Resend are answered")
			.withDetail("lastAnswer", ((since != null) ? since.toMillis() : 0) + " ms ago")
			.build();
	}

	private Mono<Health> probe() {
		return this.http.exchange(REQUEST, DomainList.class)
			.map((response) -> {
				DomainList body = response.body();
				if (body == null) {
					return Health.down()
						.withDetail("error", "Resend answered HTTP " + response.status() + " without a body")
						.build();
				}
				return Health.up()
					.withDetail("access", "full")
					.withDetail("domains", (body.data() != null && !body.data().isEmpty())
							? "configured" : "none")
					.build();
			})
			.onErrorResume(SaasException.class, (ex) -> Mono.just(health(ex)));
	}

	private static Health health(SaasException ex) {
		if (ex instanceof SaasApiException api && api.getStatus() == 401
				&& "restricted_api_key".equals(api.getErrorCode())) {
			return Health.up()
				.withDetail("access", "sending only")
				.withDetail("note", "the API key can only send emails, so domains were not checked")
				.build();
		}
		return Health.down().withDetail("error", String.valueOf(ex.getMessage())).build();
	}

	@Override
	public String toString() {
		return "ResendHealthCheck[" + this.http + "]";
	}

	/** The part of {@code ListDomainsResponse} read here. */
	private record DomainList(@Nullable List<Object> data) {
	}

}
