package io.saasstack.events.logsnag;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.saasstack.events.Group;
import io.saasstack.events.Identify;
import io.saasstack.events.Insight;
import io.saasstack.events.InsightIncrement;
import io.saasstack.events.LogEvent;
import io.saasstack.events.LogSnagRequest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for {@link LogSnagRequests}.
 */
class LogSnagRequestsTests {

	private final LogSnagRequests strict = new LogSnagRequests(null, false);

	private final LogSnagRequests normalizing = new LogSnagRequests(null, true);

	private static LogEvent.Builder event() {
		return LogEvent.builder("User Joined").channel("users");
	}

	@Nested
	class DefaultChannel {

		@Test
		void appliedToEventWithoutChannel() {
			LogEvent prepared = (LogEvent) new LogSnagRequests("general", false).prepare(LogEvent.builder("Joined").build());
			assertThat(prepared.channel()).isEqualTo("general");
		}

		@Test
		void eventChannelWins() {
			LogEvent prepared = (LogEvent) new LogSnagRequests("general", false).prepare(event().build());
			assertThat(prepared.channel()).isEqualTo("users");
		}

		@Test
		void missingWithoutDefault() {
			assertThatIllegalArgumentException().isThrownBy(() -> strict.prepare(LogEvent.builder("Joined").build()))
				.withMessage("event 'Joined' has no channel: set one, or set saas.events.logsnag.default-channel");
		}

		@Test
		void checkedInConstructor() {
			assertThatIllegalArgumentException().isThrownBy(() -> new LogSnagRequests("User_Signups", false))
				.withMessageContaining("saas.events.logsnag.default-channel 'User_Signups' is invalid");
		}

		@Test
		void nullAllowed() {
			assertThatNoException().isThrownBy(() -> new LogSnagRequests(null, true));
		}

	}

	@Nested
	class Events {

		@Test
		void preparedEventKeepsEveryField() {
			Instant timestamp = Instant.parse("2024-05-29T16:26:40Z");
			LogEvent event = LogEvent.builder("New Subscription")
				.description("**Pro** plan")
				.icon(":moneybag:")
				.notify(true)
				.tag("plan", "premium")
				.parser(LogEvent.Parser.MARKDOWN)
				.userId("user-123")
				.timestamp(timestamp)
				.build();
			LogEvent prepared = (LogEvent) new LogSnagRequests("payments", false).prepare(event);
			assertThat(prepared).isEqualTo(event.withChannel("payments"));
			assertThat(event.channel()).isNull();
		}

		@ParameterizedTest
		@ValueSource(strings = { "", " ", "\t" })
		void blankEventName(String name) {
			assertThatIllegalArgumentException().isThrownBy(() -> strict.prepare(LogEvent.builder(name).channel("users").build()))
				.withMessage("event name must not be empty");
		}

		@ParameterizedTest
		@ValueSource(strings = { "users", "user-signups", "2024-q1", "a1-b2" })
		void validChannels(String channel) {
			assertThat(((LogEvent) strict.prepare(event().channel(channel).build())).channel()).isEqualTo(channel);
		}

		@ParameterizedTest
		@ValueSource(strings = { "User_Signups", "Users", "user signups", "user_signups", "-users", "users-", "user--signups", "" })
		void invalidChannels(String channel) {
			assertThatIllegalArgumentException().isThrownBy(() -> strict.prepare(event().channel(channel).build()))
				.withMessageContaining("channel of event 'User Joined' '" + channel + "' is invalid");
		}

		@ParameterizedTest
		@ValueSource(strings = { "plan", "plan-type", "a-b-c" })
		void validTagKeys(String key) {
			LogEvent prepared = (LogEvent) strict.prepare(event().tag(key, "x").build());
			assertThat(prepared.tags()).containsOnlyKeys(key);
		}

		@ParameterizedTest
		@ValueSource(strings = { "Plan", "plan_type", "tag-1", "tag1", "plan--type", "-plan", "plan-", "plan type", "" })
		void invalidTagKeys(String key) {
			assertThatIllegalArgumentException().isThrownBy(() -> strict.prepare(event().tag(key, "x").build()))
				.withMessageStartingWith("tag of event 'User Joined' key '" + key + "' is invalid")
				.withMessageContaining("saas.events.logsnag.normalize-keys=true");
		}

		@Test
		void tagValuesMayBeStringsNumbersAndBooleans() {
			LogEvent event = event().tag("name", "x")
				.tag("count", 3)
				.tag("total", 12L)
				.tag("ratio", 0.5)
				.tag("price", new BigDecimal("9.99"))
				.tag("trial", true)
				.build();
			assertThat(((LogEvent) strict.prepare(event)).tags()).isEqualTo(event.tags());
		}

		@Test
		void listTagValue() {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> strict.prepare(event().tag("roles", List.of("admin")).build()))
				.withMessageStartingWith("tag of event 'User Joined' 'roles' must be a string, a number or a boolean, not java.util.");
		}

		@Test
		void otherTagValues() {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> strict.prepare(event().tag("at", Instant.EPOCH).build()))
				.withMessageContaining("'at' must be a string, a number or a boolean, not java.time.Instant");
			assertThatIllegalArgumentException()
				.isThrownBy(() -> strict.prepare(event().tag("meta", Map.of("a", 1)).build()))
				.withMessageContaining("'meta' must be a string, a number or a boolean");
		}

		@Test
		void nullTagValue() {
			Map<String, Object> tags = new HashMap<>();
			tags.put("plan", null);
			assertThatIllegalArgumentException().isThrownBy(() -> strict.prepare(event().build().withTags(tags)))
				.withMessageContaining("'plan' must be a string, a number or a boolean, not null");
		}

	}

	@Nested
	class Others {

		@Test
		void identify() {
			Identify identify = new Identify("user-123", Map.of("plan", "pro"));
			assertThat(strict.prepare(identify)).isEqualTo(identify);
		}

		@Test
		void identifyWithoutProperties() {
			assertThatIllegalArgumentException().isThrownBy(() -> strict.prepare(new Identify("user-123", Map.of())))
				.withMessage("identify: properties must not be empty");
		}

		@Test
		void identifyWithBlankUser() {
			assertThatIllegalArgumentException().isThrownBy(() -> strict.prepare(new Identify(" ", Map.of("plan", "pro"))))
				.withMessage("identify: userId must not be blank");
		}

		@Test
		void identifyPropertyKeyAndValue() {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> strict.prepare(new Identify("user-123", Map.of("planType", "pro"))))
				.withMessageStartingWith("identify property key 'planType' is invalid");
			assertThatIllegalArgumentException()
				.isThrownBy(() -> strict.prepare(new Identify("user-123", Map.of("plan", List.of()))))
				.withMessageStartingWith("identify property 'plan' must be a string, a number or a boolean");
		}

		@Test
		void insight() {
			Insight insight = new Insight("User Count", 42, "👨");
			assertThat(strict.prepare(insight)).isSameAs(insight);
			assertThatNoException().isThrownBy(() -> strict.prepare(new Insight("Status", "up", null)));
			assertThatNoException().isThrownBy(() -> strict.prepare(new Insight("Healthy", true, null)));
		}

		@Test
		void insightWithBlankTitleOrOtherValue() {
			assertThatIllegalArgumentException().isThrownBy(() -> strict.prepare(new Insight(" ", 1, null)))
				.withMessage("insight: title must not be blank");
			assertThatIllegalArgumentException().isThrownBy(() -> strict.prepare(new Insight("Users", List.of(1), null)))
				.withMessageStartingWith("insight 'Users' value must be a string, a number or a boolean");
		}

		@Test
		void insightIncrement() {
			InsightIncrement increment = new InsightIncrement("User Count", -1, null);
			assertThat(strict.prepare(increment)).isSameAs(increment);
			assertThatIllegalArgumentException().isThrownBy(() -> strict.prepare(new InsightIncrement("", 1, null)))
				.withMessage("insight increment: title must not be blank");
		}

		@Test
		void groupWithUserPropertiesOrBoth() {
			Group user = new Group("org-1", "user-123", Map.of());
			Group properties = new Group("org-1", null, Map.of("name", "Acme"));
			Group both = new Group("org-1", "user-123", Map.of("name", "Acme"));
			assertThat(List.of(strict.prepare(user), strict.prepare(properties), strict.prepare(both)))
				.containsExactly(user, properties, both);
		}

		@Test
		void groupWithNeither() {
			assertThatIllegalArgumentException().isThrownBy(() -> strict.prepare(new Group("org-1", null, Map.of())))
				.withMessage("group 'org-1': set a userId, properties, or both");
		}

		@Test
		void groupWithBlankIdOrInvalidKey() {
			assertThatIllegalArgumentException().isThrownBy(() -> strict.prepare(new Group("", "user-123", Map.of())))
				.withMessage("group: groupId must not be blank");
			assertThatIllegalArgumentException()
				.isThrownBy(() -> strict.prepare(new Group("org-1", null, Map.of("seat_count", 3))))
				.withMessageStartingWith("group property key 'seat_count' is invalid");
		}

	}

	@Nested
	class NormalizeKeys {

		@ParameterizedTest
		@CsvSource({ "planType, plan-type", "'Plan Type', plan-type", "plan_type, plan-type", "--a--, a", "tag1, tag",
				"tag-1, tag", "plan2type, plan-type", "PLAN, plan", "plan-type, plan-type", "'  Billing  Cycle ', billing-cycle",
				"userID, user-id", "123, ''" })
		void normalizeKey(String key, String expected) {
			assertThat(LogSnagRequests.normalizeKey(key)).isEqualTo(expected);
		}

		@Test
		void rewritesKeysOfEveryRequestKeepingOrderAndValues() {
			LogEvent event = (LogEvent) normalizing
				.prepare(event().tag("Plan Type", "pro").tag("seats", 3).tag("is_trial", false).build());
			assertThat(event.tags()).containsExactly(Map.entry("plan-type", "pro"), Map.entry("seats", 3),
					Map.entry("is-trial", false));
			Identify identify = (Identify) normalizing.prepare(new Identify("user-123", Map.of("planType", "pro")));
			assertThat(identify.properties()).containsExactly(Map.entry("plan-type", "pro"));
			Group group = (Group) normalizing.prepare(new Group("org-1", null, Map.of("Seat Count", 3)));
			assertThat(group.properties()).containsExactly(Map.entry("seat-count", 3));
		}

		@Test
		void keyWithoutLettersIsStillRejected() {
			assertThatIllegalArgumentException().isThrownBy(() -> normalizing.prepare(event().tag("123", "x").build()))
				.withMessageStartingWith("tag of event 'User Joined' key '123' is invalid");
		}

		@Test
		void keysThatBecomeTheSameAreRejected() {
			Map<String, Object> tags = new LinkedHashMap<>();
			tags.put("Plan Type", "pro");
			tags.put("plan_type", "free");
			LogSnagRequest request = event().tags(tags).build();
			assertThatIllegalArgumentException().isThrownBy(() -> normalizing.prepare(request))
				.withMessage("tag of event 'User Joined' keys 'Plan Type' and 'plan_type' both become 'plan-type'");
		}

		@Test
		void valuesAreStillChecked() {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> normalizing.prepare(event().tag("Roles", List.of("admin")).build()))
				.withMessageContaining("'Roles' must be a string, a number or a boolean");
		}

	}

	@Test
	void isValidKey() {
		assertThat(LogSnagRequests.isValidKey("plan-type")).isTrue();
		assertThat(LogSnagRequests.isValidKey("plan_type")).isFalse();
		assertThat(LogSnagRequests.isValidKey("tag-1")).isFalse();
	}

	@Test
	void checkName() {
		assertThatNoException().isThrownBy(() -> LogSnagRequests.checkName("project", "my-saas-2"));
		assertThatIllegalArgumentException().isThrownBy(() -> LogSnagRequests.checkName("project", "My SaaS"))
			.withMessage("project 'My SaaS' is invalid: use lowercase letters, digits and single dashes, for example 'user-signups'");
	}

}
