package io.saasstack.mail.health;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.saasstack.core.SaasClientProperties;
import io.saasstack.core.SaasHttpClient;
import io.saasstack.core.SaasHttpClientFactory;
import io.saasstack.core.health.CachedHealthIndicator;
import io.saasstack.mail.Email;
import io.saasstack.mail.SendResult;
import io.saasstack.mail.resend.MailDefaults;
import io.saasstack.mail.resend.ResendMailClient;
import io.saasstack.mail.resend.ResendPacer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13, item 10: the Resend health entry, as saas-stack wires it (cached, time-bounded, through
 * the application's paced client), stays UP while the application's own burst of sends queues
 * behind the pacer, against a healthy stub; and it spends none of the rate limit meanwhile.
 */
class ResendHealthUnderLoadTests {

	@RegisterExtension
	static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	static final String API_KEY = "re_health_0123456789";

	static final Email EMAIL = Email.builder().from("hello@acme.com").to("a@example.com").subject("Hi").text("Hi").build();

	static SaasHttpClient http(ResendPacer pacer) {
		SaasClientProperties properties = new SaasClientProperties(URI.create(wm.baseUrl())) {
		};
		return ResendMailClient.httpClient(SaasHttpClientFactory.standalone(), properties, API_KEY, pacer);
	}

	static void stubHealthyResend() {
		wm.stubFor(post("/emails").willReturn(okJson("{\"id\":\"49a3999c-0ce1-4ea6-ab68-afcd6dc2e794\"}")));
		wm.stubFor(get(urlPathEqualTo("/domains")).willReturn(okJson("{\"object\":\"list\",\"data\":[]}")));
	}

	@Test
	void staysUpDuringAPacedBurstAgainstAHealthyStub() throws InterruptedException {
		stubHealthyResend();
		// 40 sends at 10 per second queue for about 4.4 s, far beyond the health timeout
		SaasHttpClient http = http(new ResendPacer(10, Duration.ofMinutes(1)));
		ResendMailClient mail = new ResendMailClient(http, MailDefaults.NONE);
		Duration timeToLive = Duration.ofMillis(400);
		CachedHealthIndicator health = new CachedHealthIndicator(new ResendHealthCheck(http, timeToLive), timeToLive,
				Duration.ofMillis(500), Clock.systemUTC());
		CompletableFuture<List<SendResult>> burst = Flux.range(0, 40)
			.flatMap((i) -> mail.send(EMAIL), 40)
			.collectList()
			.toFuture();
		List<Health> seen = new ArrayList<>();
		// at once (no send answered yet: the probe queues, then another call's answer decides),
		// then through the burst, the cache expiring between probes
		while (!burst.isDone()) {
			seen.add(health.health());
			Thread.sleep(450);
		}
		assertThat(burst.join()).hasSize(40);
		assertThat(seen).hasSizeGreaterThanOrEqualTo(4).allSatisfy((entry) -> {
			assertThat(entry.getStatus()).isEqualTo(Status.UP);
			assertThat(entry.getDetails()).containsEntry("evidence", "the application's calls to Resend are answered");
		});
		// the probes never reached Resend: no request spent on health during the burst
		assertThat(wm.findAll(getRequestedFor(urlPathEqualTo("/domains")))).isEmpty();
		assertThat(wm.findAll(postRequestedFor(urlEqualTo("/emails")))).hasSize(40);
	}

	@Test
	void probesWhenTheLastAnswerIsOlderThanTheWindow() throws InterruptedException {
		stubHealthyResend();
		SaasHttpClient http = http(new ResendPacer(10, Duration.ofSeconds(5)));
		new ResendMailClient(http, MailDefaults.NONE).send(EMAIL).block(Duration.ofSeconds(30));
		ResendHealthCheck check = new ResendHealthCheck(http, Duration.ofMillis(1000));
		assertThat(check.check().block(Duration.ofSeconds(30)).getDetails()).containsKey("evidence");
		Thread.sleep(1100);
		Health probed = check.check().block(Duration.ofSeconds(30));
		assertThat(probed.getStatus()).isEqualTo(Status.UP);
		assertThat(probed.getDetails()).containsEntry("access", "full").containsEntry("domains", "none");
		// one probe (a loaded machine may retry it)
		assertThat(wm.findAll(getRequestedFor(urlEqualTo("/domains?limit=1")))).isNotEmpty();
	}

	@Test
	void refusedKeysAreNoEvidence() {
		wm.stubFor(post("/emails").willReturn(okJson("{\"id\":\"x\"}").withStatus(401)));
		wm.stubFor(get(urlPathEqualTo("/domains")).willReturn(okJson("{\"data\":[]}")));
		SaasHttpClient http = http(new ResendPacer(10, Duration.ofSeconds(5)));
		new ResendMailClient(http, MailDefaults.NONE).send(EMAIL).onErrorResume((ex) -> reactor.core.publisher.Mono.empty())
			.block(Duration.ofSeconds(30));
		assertThat(http.acceptedAnswers()).isZero();
		assertThat(http.sinceLastAcceptedAnswer()).isNull();
		new ResendHealthCheck(http).check().block(Duration.ofSeconds(30));
		assertThat(wm.findAll(getRequestedFor(urlPathEqualTo("/domains")))).hasSize(1);
	}

}
