package io.saasstack.core.autoconfigure;

import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.stream.StreamSupport;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.saasstack.auth.clerk.ClerkTokenVerifier;
import io.saasstack.mail.local.CapturingMailClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.util.ClassUtils;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Issue 13, item 6: keys set but a library the provider needs missing fails startup, naming the
 * dependency to add, instead of starting without authentication (or with mails kept in memory,
 * events only logged, uploads kept in memory, no webhook endpoint). The applications run every
 * saas-stack auto-configuration, as the starter does.
 */
@ExtendWith(OutputCaptureExtension.class)
class MissingLibrariesTests {

	private static final String CLERK = "saas.auth.clerk.jwt-key=" + pem();

	private final WebApplicationContextRunner servlet = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class,
				ReactiveHttpClientAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
				WebMvcAutoConfiguration.class, SecurityAutoConfiguration.class,
				ServletWebSecurityAutoConfiguration.class, SecurityFilterAutoConfiguration.class))
		.withConfiguration(AutoConfigurations.of(saasStack()));

	private final ReactiveWebApplicationContextRunner reactive = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class,
				ReactiveHttpClientAutoConfiguration.class, WebFluxAutoConfiguration.class,
				ReactiveWebSecurityAutoConfiguration.class))
		.withConfiguration(AutoConfigurations.of(saasStack()));

	private final ApplicationContextRunner other = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class,
				ReactiveHttpClientAutoConfiguration.class))
		.withConfiguration(AutoConfigurations.of(saasStack()));

	@Test
	void servletWithAuthKeysAndWithoutTheResourceServerFailsNamingTheStarter() {
		this.servlet.withClassLoader(new FilteredClassLoader(BearerTokenResolver.class))
			.withPropertyValues(CLERK)
			.run((context) -> assertThat(context.getStartupFailure()).isNotNull()
				.rootCause()
				.hasMessageContaining("'saas.auth.clerk.jwt-key' is set")
				.hasMessageContaining("org.springframework.security:spring-security-oauth2-resource-server")
				.hasMessageContaining("without authentication")
				.hasMessageNotContaining("BEGIN PUBLIC KEY"));
	}

	@Test
	void servletWithAuthKeysAndWithoutSpringSecurityJwtFails() {
		this.servlet.withClassLoader(new FilteredClassLoader(JwtDecoder.class))
			.withPropertyValues("saas.auth.supabase.url=https://abcdefghijklmnop.supabase.co")
			.run((context) -> assertThat(context.getStartupFailure()).isNotNull()
				.rootCause()
				.hasMessageContaining("'saas.auth.supabase.url' is set")
				.hasMessageContaining("org.springframework.security:spring-security-oauth2-jose"));
	}

	@Test
	void servletWithLocalTokensAndWithoutTheResourceServerFails() {
		this.servlet.withClassLoader(new FilteredClassLoader(BearerTokenResolver.class))
			.withPropertyValues("saas.auth.local-tokens.enabled=true")
			.run((context) -> assertThat(context.getStartupFailure()).isNotNull()
				.rootCause()
				.hasMessageContaining("'saas.auth.local-tokens.enabled' is set"));
	}

	@Test
	void reactiveWithAuthKeysAndWithoutTheResourceServerFails() {
		this.reactive.withClassLoader(new FilteredClassLoader(ServerBearerTokenAuthenticationConverter.class))
			.withPropertyValues(CLERK)
			.run((context) -> assertThat(context.getStartupFailure()).isNotNull()
				.rootCause()
				.hasMessageContaining("'saas.auth.clerk.jwt-key' is set")
				.hasMessageContaining("org.springframework.security:spring-security-oauth2-resource-server"));
	}

	@Test
	void withEverythingPresentTheChainProtectsTheApplication() {
		this.servlet.withPropertyValues(CLERK)
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(SecurityFilterChain.class));
	}

	@Test
	void withoutAuthSettingsOrWithAuthDisabledNothingIsRequired() {
		FilteredClassLoader noSecurity = new FilteredClassLoader(BearerTokenResolver.class, JwtDecoder.class);
		this.servlet.withClassLoader(noSecurity).run((context) -> assertThat(context).hasNotFailed());
		this.servlet.withClassLoader(noSecurity)
			.withPropertyValues(CLERK, "saas.auth.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void nonWebApplicationNeedsTheJwtSupportButNotTheResourceServer() {
		this.other.withClassLoader(new FilteredClassLoader(BearerTokenResolver.class))
			.withPropertyValues(CLERK)
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(ClerkTokenVerifier.class));
		this.other.withClassLoader(new FilteredClassLoader(JwtDecoder.class))
			.withPropertyValues(CLERK)
			.run((context) -> assertThat(context.getStartupFailure()).isNotNull()
				.rootCause()
				.hasMessageContaining("org.springframework.security:spring-security-oauth2-jose"));
	}

	@Test
	void resendKeyWithoutTheRateLimiterFails() {
		this.other.withClassLoader(new FilteredClassLoader(RateLimiter.class))
			.withPropertyValues("saas.mail.resend.api-key=re_123456789")
			.run((context) -> assertThat(context.getStartupFailure()).isNotNull()
				.rootCause()
				.hasMessageContaining("'saas.mail.resend.api-key' is set")
				.hasMessageContaining("io.github.resilience4j:resilience4j-ratelimiter")
				.hasMessageNotContaining("re_123456789"));
		this.other.withClassLoader(new FilteredClassLoader(RateLimiter.class))
			.withPropertyValues("saas.mail.resend.api-key=re_123456789", "saas.mail.capture.enabled=true")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(CapturingMailClient.class));
	}

	@Test
	void providerKeysWithoutTheWebClientFail() {
		for (String key : new String[] { "saas.mail.resend.api-key=re_123456789",
				"saas.events.logsnag.token=logsnag-token", "saas.media.cloudinary.api-secret=cloudinary-secret",
				"saas.media.imagekit.private-key=private_key", "saas.auth.clerk.secret-key=sk_test_123456789" }) {
			String property = key.substring(0, key.indexOf('='));
			this.other.withClassLoader(new FilteredClassLoader(WebClient.class))
				.withPropertyValues(key)
				.run((context) -> assertThat(context.getStartupFailure()).as(property)
					.isNotNull()
					.rootCause()
					.hasMessageContaining("'" + property + "' is set")
					.hasMessageContaining("org.springframework:spring-webflux"));
		}
	}

	@Test
	void webhookSecretWithoutJacksonFails() {
		this.servlet.withClassLoader(new FilteredClassLoader(JsonMapper.class))
			.withPropertyValues("saas.mail.resend.webhook-secret=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
			.run((context) -> assertThat(context.getStartupFailure()).isNotNull()
				.rootCause()
				.hasMessageContaining("'saas.mail.resend.webhook-secret' is set")
				.hasMessageContaining("tools.jackson.core:jackson-databind")
				.hasMessageNotContaining("whsec_"));
	}

	@Test
	void theFailureAnalysisNamesThePropertyTheLibrariesAndTheDependency(CapturedOutput output) {
		SpringApplication application = new SpringApplication(
				new DefaultResourceLoader(new FilteredClassLoader(RateLimiter.class)), PlainApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatException().isThrownBy(() -> application.run("--saas.mail.resend.api-key=re_123456789").close());
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Property 'saas.mail.resend.api-key' is set, but saas-stack cannot act on it: these libraries are "
					+ "not on the classpath:")
			.contains("- io.github.resilience4j:resilience4j-ratelimiter (RateLimiter)")
			.contains("Without them, mails would be kept in memory instead of being sent with Resend.")
			.contains("Add the dependency io.github.resilience4j:resilience4j-ratelimiter (saas-stack-spring-boot-starter "
					+ "brings it), or remove 'saas.mail.resend.api-key'.")
			.doesNotContain("re_123456789");
	}

	private static String pem() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return "-----BEGIN PUBLIC KEY-----\n"
					+ Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(generator.generateKeyPair().getPublic().getEncoded())
					+ "\n-----END PUBLIC KEY-----";
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class PlainApplication {

	}

	private static Class<?>[] saasStack() {
		ClassLoader classLoader = MissingLibrariesTests.class.getClassLoader();
		return StreamSupport.stream(ImportCandidates.load(AutoConfiguration.class, classLoader).spliterator(), false)
			.filter((name) -> name.startsWith("io.saasstack.") && !name.startsWith("io.saasstack.test."))
			.map((name) -> ClassUtils.resolveClassName(name, classLoader))
			.toArray(Class<?>[]::new);
	}

}
