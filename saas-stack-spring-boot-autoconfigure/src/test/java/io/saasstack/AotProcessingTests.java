package io.saasstack;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Function;

import io.saasstack.auth.autoconfigure.AuthAutoConfiguration;
import io.saasstack.auth.clerk.ClerkJwtDecoder;
import io.saasstack.auth.local.LocalTokenIssuer;
import io.saasstack.core.InvalidSaasPropertyException;
import io.saasstack.core.autoconfigure.SaasCoreAutoConfiguration;
import io.saasstack.events.RecordingLogSnagClient;
import io.saasstack.events.TrackEvent;
import io.saasstack.events.autoconfigure.EventsAutoConfiguration;
import io.saasstack.events.logsnag.LogSnagHttpClient;
import io.saasstack.events.logsnag.LoggingLogSnagClient;
import io.saasstack.mail.autoconfigure.MailAutoConfiguration;
import io.saasstack.mail.local.CapturingMailClient;
import io.saasstack.mail.resend.ResendMailClient;
import io.saasstack.media.autoconfigure.MediaAutoConfiguration;
import io.saasstack.media.cloudinary.CloudinaryStorage;
import io.saasstack.media.local.LocalMediaStorage;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import org.springframework.aop.framework.Advised;
import org.springframework.aot.AotDetector;
import org.springframework.aot.test.generate.TestGenerationContext;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.SpringProperties;
import org.springframework.core.test.tools.CompileWithForkedClassLoader;
import org.springframework.core.test.tools.TestCompiler;
import org.springframework.javapoet.ClassName;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Every area processed by Spring AOT, as {@code process-aot} does for a native image: the
 * generated code is compiled and a context is started from it alone (no configuration class
 * parsing, no condition evaluation), with stand-ins and with providers, and with auto-proxying
 * left to saas-stack.
 */
@CompileWithForkedClassLoader
class AotProcessingTests {

	private static final String[] PROVIDERS = { "saas.auth.clerk.jwt-key=" + LocalTokenIssuer.clerk(null, null).publicKeyPem(),
			"saas.auth.clerk.issuer=https://clerk.example.com", "saas.mail.resend.api-key=re_aot",
			"saas.events.logsnag.token=aot-token", "saas.events.logsnag.project=my-saas",
			"saas.media.cloudinary.cloud-name=demo", "saas.media.cloudinary.api-key=123456789012345",
			"saas.media.cloudinary.api-secret=aot-api-secret" };

	@Test
	void standInsAndTrackEventProxiesStartFromGeneratedCode() {
		// without Boot's auto-proxying: the auto-proxy creator saas-stack registers is replayed
		String[] properties = { "saas.auth.local-tokens.enabled=true", "saas.events.recording=true",
				"spring.aop.auto=false" };
		processAndCompile(properties, (start) -> {
			try (GenericApplicationContext context = start.apply(properties)) {
				assertThat(context.getBeansOfType(CapturingMailClient.class)).hasSize(1);
				assertThat(context.getBeansOfType(LocalMediaStorage.class)).hasSize(1);
				LocalTokenIssuer issuer = context.getBean(LocalTokenIssuer.class);
				assertThat(context.getBean(JwtDecoder.class).decode(issuer.issue("user_ada")).getSubject())
					.isEqualTo("user_ada");
				Upgrades upgrades = context.getBean(Upgrades.class);
				assertThat(upgrades).isInstanceOf(Advised.class);
				upgrades.upgrade("user_ada");
				RecordingLogSnagClient recorder = context.getBean(RecordingLogSnagClient.class);
				assertThat(recorder.awaitRequests(1, Duration.ofSeconds(30))).isTrue();
				assertThat(recorder.events()).singleElement()
					.satisfies((event) -> assertThat(event.userId()).isEqualTo("user_ada"));
			}
		});
	}

	@Test
	void providersStartFromGeneratedCode() {
		processAndCompile(PROVIDERS, (start) -> {
			try (GenericApplicationContext context = start.apply(PROVIDERS)) {
				assertThat(context.getBeansOfType(ResendMailClient.class)).hasSize(1);
				assertThat(context.getBeansOfType(LogSnagHttpClient.class)).hasSize(1);
				assertThat(context.getBeansOfType(CloudinaryStorage.class)).isNotEmpty();
				assertThat(context.getBeansOfType(ClerkJwtDecoder.class)).hasSize(1);
				assertThat(context.getBeansOfType(CapturingMailClient.class)).isEmpty();
				assertThat(context.getBeansOfType(LoggingLogSnagClient.class)).isEmpty();
				assertThat(context.getBeansOfType(LocalMediaStorage.class)).isEmpty();
				assertThat(context.getBeansOfType(LocalTokenIssuer.class)).isEmpty();
			}
		});
	}

	@Test
	void standInsFixedAtBuildTimeFailStartupInAotModeWhenTheirKeysAreSetAtRuntime() {
		String localTokens = "saas.auth.local-tokens.enabled=true";
		processAndCompile(new String[] { localTokens }, (start) -> {
			InvalidSaasPropertyException mail = invalidProperty(
					() -> startInAotMode(start, localTokens, "saas.mail.resend.api-key=re_aot"));
			assertThat(mail.getProperty()).isEqualTo("saas.mail.resend.api-key");
			assertThat(mail.getReason()).isEqualTo("it is set, but Spring AOT processed this application without it"
					+ " and fixed the local mail stand-in at build time");
			assertThat(mail.getAction()).contains("profiles and properties of production");
			assertThat(invalidProperty(() -> startInAotMode(start, localTokens,
					"saas.auth.supabase.url=https://abcdefghijklmnopqrst.supabase.co")))
				.satisfies((failure) -> assertThat(failure.getProperty()).isEqualTo("saas.auth.supabase.url"))
				.hasMessageContaining("fixed local development tokens at build time");
			assertThat(invalidProperty(() -> startInAotMode(start, localTokens, "saas.events.logsnag.token=aot-token",
					"saas.events.logsnag.project=my-saas"))
				.getProperty()).isEqualTo("saas.events.logsnag.token");
			assertThat(invalidProperty(
					() -> startInAotMode(start, localTokens, "saas.media.imagekit.private-key=private_aot"))
				.getProperty()).isEqualTo("saas.media.imagekit.private-key");
			// unset keys start; outside AOT mode nothing is checked
			startInAotMode(start, localTokens);
			start.apply(new String[] { localTokens, "saas.mail.resend.api-key=re_aot" }).close();
		});
	}

	private static InvalidSaasPropertyException invalidProperty(ThrowingCallable startup) {
		Throwable failure = catchThrowable(startup);
		assertThat(failure).isNotNull();
		while (failure.getCause() != null && !(failure instanceof InvalidSaasPropertyException)) {
			failure = failure.getCause();
		}
		assertThat(failure).isInstanceOf(InvalidSaasPropertyException.class);
		return (InvalidSaasPropertyException) failure;
	}

	private static void startInAotMode(Function<String[], GenericApplicationContext> start, String... properties) {
		SpringProperties.setProperty(AotDetector.AOT_ENABLED, "true");
		try {
			start.apply(properties).close();
		}
		finally {
			SpringProperties.setProperty(AotDetector.AOT_ENABLED, null);
		}
	}

	/**
	 * Processes a context with the build properties and compiles the generated code; the
	 * callback starts contexts from it alone, each with its own properties.
	 */
	@SuppressWarnings("unchecked")
	private static void processAndCompile(String[] buildProperties,
			Consumer<Function<String[], GenericApplicationContext>> callback) {
		AnnotationConfigApplicationContext build = new AnnotationConfigApplicationContext();
		TestPropertyValues.of(buildProperties).applyTo(build);
		build.register(Application.class);
		TestGenerationContext generationContext = new TestGenerationContext();
		ClassName initializer = new ApplicationContextAotGenerator().processAheadOfTime(build, generationContext);
		generationContext.writeGeneratedContent();
		TestCompiler.forSystem().with(generationContext).compile((compiled) -> callback.accept((runProperties) -> {
			GenericApplicationContext context = new GenericApplicationContext();
			TestPropertyValues.of(runProperties).applyTo(context);
			compiled.getInstance(ApplicationContextInitializer.class, initializer.toString()).initialize(context);
			context.refresh();
			return context;
		}));
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ AopAutoConfiguration.class, WebClientAutoConfiguration.class,
			ReactiveHttpClientAutoConfiguration.class, SaasCoreAutoConfiguration.class, AuthAutoConfiguration.class,
			EventsAutoConfiguration.class, MailAutoConfiguration.class, MediaAutoConfiguration.class })
	static class Application {

		@Bean
		Upgrades upgrades() {
			return new Upgrades();
		}

	}

	static class Upgrades {

		@TrackEvent(channel = "billing", event = "Plan Upgraded", userId = "#userId")
		public String upgrade(String userId) {
			return userId;
		}

	}

}
