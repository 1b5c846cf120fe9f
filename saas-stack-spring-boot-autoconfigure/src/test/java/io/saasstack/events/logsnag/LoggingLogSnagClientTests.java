package io.saasstack.events.logsnag;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.saasstack.events.Group;
import io.saasstack.events.Identify;
import io.saasstack.events.Insight;
import io.saasstack.events.InsightIncrement;
import io.saasstack.events.LogEvent;
import io.saasstack.events.LogSnagRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link LoggingLogSnagClient}.
 */
@ExtendWith(OutputCaptureExtension.class)
class LoggingLogSnagClientTests {

	private static final String PREFIX = "LogSnag (not sent, no token) ";

	private final LoggingLogSnagClient client = new LoggingLogSnagClient(new LogSnagRequests("general", false));

	@Test
	void logsOneReadableInfoLinePerEvent(CapturedOutput output) {
		this.client.log(LogEvent.builder("New Subscription")
			.channel("payments")
			.description("**Pro** plan")
			.tag("plan", "premium")
			.tag("trial", false)
			.userId("user-123")
			.notify(true)
			.parser(LogEvent.Parser.MARKDOWN)
			.build()).block();
		assertThat(lines(output)).singleElement()
			.satisfies((line) -> assertThat(line).contains("INFO")
				.contains(LoggingLogSnagClient.class.getSimpleName())
				.endsWith(PREFIX
						+ "#payments \"New Subscription\": **Pro** plan [plan=premium, trial=false] user=user-123 notify"));
	}

	@Test
	void logsIconTimestampAndDefaultChannel(CapturedOutput output) {
		this.client.log(LogEvent.builder("Imported")
			.icon("💰")
			.timestamp(Instant.parse("2024-05-29T16:26:40Z"))
			.notify(false)
			.build()).block();
		assertThat(lines(output)).singleElement()
			.satisfies((line) -> assertThat(line).endsWith(PREFIX + "#general 💰 \"Imported\" at 2024-05-29T16:26:40Z"));
	}

	@Test
	void logsEveryOtherRequest(CapturedOutput output) {
		send(new Identify("user-123", Map.of("plan", "premium")), new Insight("User Count", 42, "👨"),
				new InsightIncrement("User Count", 1, null), new InsightIncrement("Open Tickets", -2, null),
				new Group("org-1", "user-123", Map.of("name", "Acme")), new Group("org-2", null, Map.of("seats", 3)));
		assertThat(lines(output)).satisfiesExactly(
				(line) -> assertThat(line).endsWith(PREFIX + "identify user=user-123 [plan=premium]"),
				(line) -> assertThat(line).endsWith(PREFIX + "insight 👨 \"User Count\" = 42"),
				(line) -> assertThat(line).endsWith(PREFIX + "insight \"User Count\" += 1"),
				(line) -> assertThat(line).endsWith(PREFIX + "insight \"Open Tickets\" -= 2"),
				(line) -> assertThat(line).endsWith(PREFIX + "group org-1 user=user-123 [name=Acme]"),
				(line) -> assertThat(line).endsWith(PREFIX + "group org-2 [seats=3]"));
	}

	@Test
	void multiLineTextStaysOnOneLine(CapturedOutput output) {
		this.client.log(LogEvent.builder("Deployed").description("line one\nINFO forged line\r\n").build()).block();
		assertThat(lines(output)).singleElement()
			.satisfies((line) -> assertThat(line).endsWith("\"Deployed\": line one\\nINFO forged line\\r\\n"));
		assertThat(output.getOut().lines().filter((line) -> line.startsWith("INFO forged"))).isEmpty();
	}

	@Test
	void invalidRequestsFailAsWithTheHttpClientAndAreNotLogged(CapturedOutput output) {
		Mono<Void> result = this.client.log(LogEvent.builder("Upgraded").tag("plan_type", "pro").build());
		assertThatIllegalArgumentException().isThrownBy(result::block).withMessageContaining("key 'plan_type' is invalid");
		assertThat(lines(output)).isEmpty();
	}

	@Test
	void normalizedKeysAreLogged(CapturedOutput output) {
		new LoggingLogSnagClient(new LogSnagRequests("general", true))
			.log(LogEvent.builder("Upgraded").tag("Plan Type", "pro").build())
			.block();
		assertThat(lines(output)).singleElement().satisfies((line) -> assertThat(line).endsWith("[plan-type=pro]"));
	}

	@Test
	void nothingIsLoggedUntilSubscribed(CapturedOutput output) {
		Mono<Void> result = this.client.log(LogEvent.builder("Upgraded").build());
		assertThat(lines(output)).isEmpty();
		result.block();
		assertThat(lines(output)).hasSize(1);
	}

	@Test
	void keepsTheNewestRequestsPreparedAndOldestFirst() {
		for (int i = 0; i < LoggingLogSnagClient.KEPT + 3; i++) {
			this.client.log(LogEvent.builder("Event " + i).build()).block();
		}
		List<LogSnagRequest> recent = this.client.recent();
		assertThat(recent).hasSize(LoggingLogSnagClient.KEPT);
		assertThat(((LogEvent) recent.get(0)).event()).isEqualTo("Event 3");
		assertThat(((LogEvent) recent.get(recent.size() - 1)).event()).isEqualTo("Event " + (LoggingLogSnagClient.KEPT + 2));
		assertThat(((LogEvent) recent.get(0)).channel()).isEqualTo("general");
	}

	@Test
	void invalidRequestsAreNotKept() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.client.log(LogEvent.builder("Upgraded").tag("plan_type", "pro").build()).block());
		assertThat(this.client.recent()).isEmpty();
	}

	private void send(LogSnagRequest... requests) {
		for (LogSnagRequest request : requests) {
			this.client.send(request).block();
		}
	}

	private static List<String> lines(CapturedOutput output) {
		return output.getAll().lines().filter((line) -> line.contains(PREFIX)).toList();
	}

}
