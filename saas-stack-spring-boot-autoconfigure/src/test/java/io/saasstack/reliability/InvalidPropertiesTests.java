package io.saasstack.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.saasstack.auth.autoconfigure.AuthAutoConfiguration;
import io.saasstack.core.InvalidSaasPropertyException;
import io.saasstack.core.autoconfigure.SaasCoreAutoConfiguration;
import io.saasstack.core.autoconfigure.SaasHealthContributorAutoConfiguration;
import io.saasstack.events.autoconfigure.EventsAutoConfiguration;
import io.saasstack.mail.autoconfigure.MailAutoConfiguration;
import io.saasstack.mail.autoconfigure.MailHealthContributorAutoConfiguration;
import io.saasstack.media.autoconfigure.MediaAutoConfiguration;
import io.saasstack.webhooks.autoconfigure.WebhooksAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code saas.*} property with a validation rule, set to a value that breaks it: startup
 * fails, the cause is the one each case names (an {@link InvalidSaasPropertyException} naming the
 * property, or Boot's binding failure for a value of the wrong type), and the failure analysis
 * printed to the user names the property and never shows the value, in both cases.
 */
class InvalidPropertiesTests {

	/** The HTTP settings every provider client has, validated per provider. */
	private static final List<String> CLIENTS = List.of("saas.events.logsnag", "saas.mail.resend", "saas.media.imagekit",
			"saas.media.cloudinary", "saas.auth.clerk", "saas.auth.supabase");

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class,
				ReactiveHttpClientAutoConfiguration.class, SaasCoreAutoConfiguration.class,
				HealthContributorAutoConfiguration.class, SaasHealthContributorAutoConfiguration.class,
				AuthAutoConfiguration.class, EventsAutoConfiguration.class, MailAutoConfiguration.class,
				MailHealthContributorAutoConfiguration.class,
				MediaAutoConfiguration.class, WebhooksAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
				WebMvcAutoConfiguration.class));

	@Test
	void theValidBaselineStartsWithEveryValidatedPropertiesBean() {
		this.contextRunner.withPropertyValues(baseline()).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(io.saasstack.core.autoconfigure.SaasHealthProperties.class)
				.hasSingleBean(io.saasstack.auth.autoconfigure.AuthProperties.class)
				.hasSingleBean(io.saasstack.events.autoconfigure.EventsProperties.class)
				.hasSingleBean(io.saasstack.mail.autoconfigure.MailProperties.class)
				.hasSingleBean(io.saasstack.media.autoconfigure.MediaProperties.class)
				.hasSingleBean(io.saasstack.webhooks.autoconfigure.WebhooksProperties.class);
		});
	}

	@ParameterizedTest(name = "{0}={1} ({3})")
	@MethodSource("invalidValues")
	void invalidValueFailsStartupNamingThePropertyNotTheValue(String property, String value, List<String> others,
			Outcome expected) {
		List<String> properties = new ArrayList<>(List.of(baseline()));
		properties.addAll(others);
		properties.add(property + "=" + value);
		this.contextRunner.withPropertyValues(properties.toArray(String[]::new)).run((context) -> {
			Throwable failure = context.getStartupFailure();
			assertThat(failure).as("startup failure").isNotNull();
			InvalidSaasPropertyException invalid = find(failure, InvalidSaasPropertyException.class);
			FailureAnalysis analysis = analyze(failure);
			assertThat(analysis).as("failure analysis of %s", failure).isNotNull();
			switch (expected) {
				case RULE -> {
					assertThat(invalid).as("InvalidSaasPropertyException in %s", failure).isNotNull();
					assertThat(invalid.getProperty()).isEqualTo(property);
					assertThat(analysis.getDescription()).startsWith("Property '" + property + "' is invalid: ");
				}
				case CONVERSION -> {
					assertThat(invalid).as("InvalidSaasPropertyException in %s", failure).isNull();
					BindException binding = find(failure, BindException.class);
					assertThat(binding).as("binding failure in %s", failure).isNotNull();
					assertThat(binding.getName()).hasToString(property);
					assertThat(analysis.getDescription()).startsWith("Property '" + property + "' could not be bound to ");
				}
			}
			assertThat(analysis.getAction()).contains("'" + property + "'");
			if (value.strip().length() >= 3) {
				assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain(value.strip());
			}
		});
	}

	/** How a case fails: the property's own rule, or Boot's conversion to the property's type. */
	enum Outcome {

		/** {@link InvalidSaasPropertyException} for the property. */
		RULE,

		/** Boot cannot convert the value ({@link BindException}), reported without the value. */
		CONVERSION

	}

	static Stream<Arguments> invalidValues() {
		List<Arguments> cases = new ArrayList<>();
		for (String client : CLIENTS) {
			List<String> enable = List.of();
			cases.add(Arguments.of(client + ".base-url", "ftp://api.example.com", enable, Outcome.RULE));
			cases.add(Arguments.of(client + ".base-url", "api.example.com", enable, Outcome.RULE));
			cases.add(Arguments.of(client + ".connect-timeout", "0s", enable, Outcome.RULE));
			cases.add(Arguments.of(client + ".connect-timeout", "-1s", enable, Outcome.RULE));
			cases.add(Arguments.of(client + ".response-timeout", "0s", enable, Outcome.RULE));
			cases.add(Arguments.of(client + ".response-timeout", "-15s", enable, Outcome.RULE));
			cases.add(Arguments.of(client + ".retry.max-attempts", "0", enable, Outcome.RULE));
			cases.add(Arguments.of(client + ".retry.initial-backoff", "-250ms", enable, Outcome.RULE));
			cases.add(Arguments.of(client + ".retry.max-backoff", "-10s", enable, Outcome.RULE));
			cases.add(Arguments.of(client + ".retry.max-elapsed-time", "-30s", enable, Outcome.RULE));
			cases.add(Arguments.of(client + ".retry.max-attempts", "three", enable, Outcome.CONVERSION));
			cases.add(Arguments.of(client + ".connect-timeout", "soon", enable, Outcome.CONVERSION));
		}
		// auth
		cases.add(Arguments.of("saas.auth.clerk.secret-key", "pk_test_Y2xlcmsuZXhhbXBsZS5jb20k", List.of(), Outcome.RULE));
		cases.add(Arguments.of("saas.auth.clerk.secret-key", "not-a-clerk-key", List.of(), Outcome.RULE));
		cases.add(Arguments.of("saas.auth.clerk.publishable-key", "not-a-publishable-key", List.of(), Outcome.RULE));
		cases.add(Arguments.of("saas.auth.supabase.publishable-key", "not-a-supabase-key", List.of(), Outcome.RULE));
		cases.add(Arguments.of("saas.auth.supabase.secret-key", "not-a-supabase-secret", List.of(), Outcome.RULE));
		cases.add(Arguments.of("saas.auth.supabase.url", "ftp://abc.supabase.co", List.of(), Outcome.RULE));
		cases.add(Arguments.of("saas.auth.supabase.url", "abc.supabase.co", List.of(), Outcome.RULE));
		cases.add(Arguments.of("saas.auth.supabase.jwt-secret", "too-short-secret", List.of(), Outcome.RULE));
		cases.add(Arguments.of("saas.auth.clerk.jwt-key", "-----BEGIN PUBLIC KEY-----\nnot a key\n-----END PUBLIC KEY-----",
				List.of(), Outcome.RULE));
		cases.add(Arguments.of("saas.auth.clock-skew", "-5s", List.of(), Outcome.RULE));
		cases.add(Arguments.of("saas.auth.clerk.jwks-timeout", "0s", List.of(), Outcome.RULE));
		cases.add(Arguments.of("saas.auth.clerk.jwks-timeout", "-1s", List.of(), Outcome.RULE));
		cases.add(Arguments.of("saas.auth.supabase.jwks-timeout", "0s", List.of(), Outcome.RULE));
		cases.add(Arguments.of("saas.auth.supabase.jwks-timeout", "-1s", List.of(), Outcome.RULE));
		cases.add(Arguments.of("saas.auth.clock-skew", "a-little", List.of(), Outcome.CONVERSION));
		cases.add(Arguments.of("saas.auth.provider", "okta", List.of(), Outcome.CONVERSION));
		cases.add(Arguments.of("saas.auth.clerk.secret-key", "", List.of("saas.auth.provider=clerk",
				"saas.auth.clerk.publishable-key=pk_test_Y2xlcmsuZXhhbXBsZS5jb20k", "saas.auth.supabase.url="), Outcome.RULE));
		// mail
		cases.add(Arguments.of("saas.mail.resend.api-key", "not-a-resend-key", List.of(), Outcome.RULE));
		cases.add(Arguments.of("saas.mail.resend.requests-per-second", "0", List.of(), Outcome.RULE));
		cases.add(Arguments.of("saas.mail.resend.requests-per-second", "-2", List.of(), Outcome.RULE));
		cases.add(Arguments.of("saas.mail.resend.requests-per-second", "fast", List.of(), Outcome.CONVERSION));
		cases.add(Arguments.of("saas.mail.resend.requests-per-second", "Infinity", List.of(), Outcome.RULE));
		cases.add(Arguments.of("saas.mail.resend.pacing-timeout", "-1s", List.of(), Outcome.RULE));
		cases.add(Arguments.of("saas.mail.resend.pacing-timeout", "100ms", List.of(), Outcome.RULE));
		cases.add(Arguments.of("saas.mail.capture.max-kept", "0", List.of(), Outcome.RULE));
		// media
		cases.add(Arguments.of("saas.media.imagekit.private-key", "   ", List.of(), Outcome.RULE));
		cases.add(Arguments.of("saas.media.cloudinary.api-secret", "   ", List.of(), Outcome.RULE));
		cases.add(Arguments.of("saas.media.cloudinary.api-key", "", List.of(), Outcome.RULE));
		cases.add(Arguments.of("saas.media.imagekit.public-key", "", List.of(), Outcome.RULE));
		cases.add(Arguments.of("saas.media.provider", "flickr", List.of(), Outcome.CONVERSION));
		cases.add(Arguments.of("saas.media.imagekit.url-endpoint", "ik.imagekit.io/demo", List.of(), Outcome.RULE));
		cases.add(Arguments.of("saas.media.imagekit.url-endpoint", "ftp://ik.imagekit.io/demo", List.of(), Outcome.RULE));
		cases.add(Arguments.of("saas.media.imagekit.upload-base-url", "uploads.example.test", List.of(), Outcome.RULE));
		// events
		cases.add(Arguments.of("saas.events.logsnag.token", "   ", List.of(), Outcome.RULE));
		cases.add(Arguments.of("saas.events.logsnag.project", "   ", List.of(), Outcome.RULE));
		cases.add(Arguments.of("saas.events.logsnag.project", "My Project", List.of(), Outcome.RULE));
		cases.add(Arguments.of("saas.events.logsnag.project", "", List.of(), Outcome.RULE));
		cases.add(Arguments.of("saas.events.logsnag.default-channel", "Bad Channel", List.of(), Outcome.RULE));
		cases.add(Arguments.of("saas.events.delivery.queue-capacity", "0", List.of(), Outcome.RULE));
		cases.add(Arguments.of("saas.events.delivery.queue-capacity", "lots", List.of(), Outcome.CONVERSION));
		cases.add(Arguments.of("saas.events.delivery.max-in-flight", "0", List.of(), Outcome.RULE));
		cases.add(Arguments.of("saas.events.delivery.overflow", "DROP_EVERYTHING", List.of(), Outcome.CONVERSION));
		cases.add(Arguments.of("saas.events.delivery.shutdown-timeout", "-1s", List.of(), Outcome.RULE));
		cases.add(Arguments.of("saas.events.delivery.drop-log-interval", "-1s", List.of(), Outcome.RULE));
		// health
		cases.add(Arguments.of("saas.health.timeout", "0s", List.of(), Outcome.RULE));
		cases.add(Arguments.of("saas.health.timeout", "-5s", List.of(), Outcome.RULE));
		cases.add(Arguments.of("saas.health.cache-time-to-live", "-1s", List.of(), Outcome.RULE));
		// webhooks
		cases.add(Arguments.of("saas.webhooks.replay-window", "1m", List.of(), Outcome.RULE));
		cases.add(Arguments.of("saas.webhooks.replay-cache-size", "0", List.of(), Outcome.RULE));
		cases.add(Arguments.of("saas.webhooks.clerk.path", "hooks-clerk", List.of(), Outcome.RULE));
		cases.add(Arguments.of("saas.webhooks.resend.path", "/webhooks/*", List.of(), Outcome.RULE));
		cases.add(Arguments.of("saas.webhooks.imagekit.path", "/webhooks/resend", List.of(), Outcome.RULE));
		cases.add(Arguments.of("saas.auth.clerk.webhook-secret", "whsec_not base64!", List.of(), Outcome.RULE));
		cases.add(Arguments.of("saas.mail.resend.webhook-secret", "whsec_", List.of(), Outcome.RULE));
		cases.add(Arguments.of("saas.auth.supabase.hook-secret", "whsec_c2VjcmV0", List.of(), Outcome.RULE));
		cases.add(Arguments.of("saas.media.cloudinary.api-secret", "", List.of("saas.webhooks.cloudinary.enabled=true",
				"saas.media.cloudinary.api-key="), Outcome.RULE));
		assertThat(cases).hasSize(128);
		return cases.stream();
	}

	/**
	 * A configuration of every area that starts: each case breaks one property of it (or, for a
	 * rule between properties, empties one).
	 */
	private static String[] baseline() {
		return new String[] { "saas.auth.provider=supabase", "saas.auth.supabase.url=https://abcdefghijklmnopqrst.supabase.co",
				"saas.auth.supabase.publishable-key=sb_publishable_reliability",
				"saas.auth.clerk.secret-key=sk_test_reliability", "saas.auth.clerk.publishable-key=pk_test_Y2xlcmsuZXhhbXBsZS5jb20k",
				"saas.mail.resend.api-key=re_reliability", "saas.media.provider=cloudinary",
				"saas.media.cloudinary.cloud-name=demo", "saas.media.cloudinary.api-key=123456789012345",
				"saas.media.cloudinary.api-secret=reliability-api-secret",
				"saas.media.imagekit.url-endpoint=https://ik.imagekit.io/demo", "saas.media.imagekit.public-key=public_x",
				"saas.media.imagekit.private-key=private_reliability", "saas.events.logsnag.token=reliability-token",
				"saas.events.logsnag.project=my-saas", "saas.auth.clerk.webhook-secret=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
				"saas.auth.supabase.hook-secret=v1,whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
				"saas.mail.resend.webhook-secret=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" };
	}

	private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		return null;
	}

	/** The analysis Boot would print: the first of the registered analyzers that knows the failure. */
	private static FailureAnalysis analyze(Throwable failure) {
		BeanFactory beanFactory = new DefaultListableBeanFactory();
		Environment environment = new StandardEnvironment();
		List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation()
			.load(FailureAnalyzer.class, SpringFactoriesLoader.ArgumentResolver.of(BeanFactory.class, beanFactory)
				.and(Environment.class, environment));
		for (FailureAnalyzer analyzer : analyzers) {
			FailureAnalysis analysis = analyzer.analyze(failure);
			if (analysis != null) {
				return analysis;
			}
		}
		return null;
	}

}
