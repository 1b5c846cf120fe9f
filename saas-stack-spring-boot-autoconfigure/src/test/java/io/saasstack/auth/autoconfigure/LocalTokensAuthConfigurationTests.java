package io.saasstack.auth.autoconfigure;

import java.time.Duration;

import io.saasstack.auth.SaasUser;
import io.saasstack.auth.clerk.ClerkJwtDecoder;
import io.saasstack.auth.clerk.ClerkTokenVerifier;
import io.saasstack.auth.clerk.ReactiveClerkJwtDecoder;
import io.saasstack.auth.local.LocalToken;
import io.saasstack.auth.local.LocalTokenIssuer;
import io.saasstack.auth.security.SaasJwtAuthenticationConverter;
import io.saasstack.auth.security.TokenExtractor;
import io.saasstack.auth.supabase.SupabaseJwtVerifier;
import io.saasstack.core.InvalidSaasPropertyException;
import io.saasstack.core.autoconfigure.SaasCoreAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for local development tokens ({@code saas.auth.local-tokens.*}).
 */
@ExtendWith(OutputCaptureExtension.class)
class LocalTokensAuthConfigurationTests {

	private static final String WARNING = "tokens signed by an in-memory development key are accepted";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class,
				ReactiveHttpClientAutoConfiguration.class, SaasCoreAutoConfiguration.class,
				AuthAutoConfiguration.class));

	@Test
	void disabledByDefault(CapturedOutput output) {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed()
				.doesNotHaveBean(LocalTokenIssuer.class)
				.doesNotHaveBean(JwtDecoder.class)
				.doesNotHaveBean(SaasJwtAuthenticationConverter.class);
			assertThat(output).doesNotContain(WARNING);
		});
	}

	@Test
	void enabledWithoutProviderAcceptsTheIssuersTokensAsLocalUsers(CapturedOutput output) {
		this.contextRunner.withPropertyValues("saas.auth.local-tokens.enabled=true").run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(LocalTokenIssuer.class)
				.hasSingleBean(ClerkJwtDecoder.class)
				.hasSingleBean(ReactiveClerkJwtDecoder.class)
				.hasSingleBean(SaasJwtAuthenticationConverter.class)
				.doesNotHaveBean(ClerkTokenVerifier.class);
			LocalTokenIssuer issuer = context.getBean(LocalTokenIssuer.class);
			assertThat(issuer.issuer()).isNull();
			assertThat(issuer.authorizedParty()).isNull();
			assertThat(issuer.lifetime()).isEqualTo(Duration.ofHours(1));
			String token = issuer.issue(LocalToken.user("user_1")
				.email("ada@example.com")
				.organization("org_1", "acme", "admin", "org:invoices:read")
				.build());
			Jwt jwt = context.getBean(JwtDecoder.class).decode(token);
			assertThat(context.getBean(ReactiveJwtDecoder.class).decode(token).block(Duration.ofSeconds(30)).getSubject())
				.isEqualTo("user_1");
			SaasUser user = context.getBean(SaasJwtAuthenticationConverter.class).convert(jwt).getPrincipal();
			assertThat(user.provider()).isEqualTo("local");
			assertThat(user.email()).isEqualTo("ada@example.com");
			assertThat(user.organization().permissions()).containsExactly("org:invoices:read");
			TokenExtractor extractor = context.getBean(TokenExtractor.class);
			assertThat(extractor.extract("Bearer abc", java.util.Map.of("__session", "def"))).isEqualTo("abc");
			assertThat(extractor.extract(null, java.util.Map.of("__session", "def"))).isNull();
			assertThat(output).contains("WARN").contains(WARNING).contains("Never enable it in production");
		});
	}

	@Test
	void rejectsTokensOfAnotherKey() {
		this.contextRunner.withPropertyValues("saas.auth.local-tokens.enabled=true").run((context) -> {
			String foreign = LocalTokenIssuer.clerk(null, null).issue("user_1");
			assertThatExceptionOfType(JwtException.class)
				.isThrownBy(() -> context.getBean(JwtDecoder.class).decode(foreign));
		});
	}

	@Test
	void lifetimeIsConfigurable() {
		this.contextRunner
			.withPropertyValues("saas.auth.local-tokens.enabled=true", "saas.auth.local-tokens.lifetime=5m")
			.run((context) -> assertThat(context.getBean(LocalTokenIssuer.class).lifetime())
				.isEqualTo(Duration.ofMinutes(5)));
	}

	@Test
	void nonPositiveLifetimeFailsStartupNamingTheProperty() {
		this.contextRunner
			.withPropertyValues("saas.auth.local-tokens.enabled=true", "saas.auth.local-tokens.lifetime=0s")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidSaasPropertyException.class)
				.hasMessageContaining("saas.auth.local-tokens.lifetime"));
	}

	@Test
	void withClerkConfiguredTheFlagDoesNothing(CapturedOutput output) {
		LocalTokenIssuer clerk = LocalTokenIssuer.clerk(AuthTokens.ISSUER, null);
		this.contextRunner
			.withPropertyValues("saas.auth.local-tokens.enabled=true", "saas.auth.clerk.jwt-key=" + clerk.publicKeyPem(),
					"saas.auth.clerk.issuer=" + AuthTokens.ISSUER)
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.hasSingleBean(ClerkTokenVerifier.class)
					.hasSingleBean(ClerkJwtDecoder.class)
					.doesNotHaveBean(LocalTokenIssuer.class);
				SaasUser user = context.getBean(SaasJwtAuthenticationConverter.class)
					.convert(context.getBean(JwtDecoder.class).decode(clerk.issue("user_1")))
					.getPrincipal();
				assertThat(user.provider()).isEqualTo("clerk");
				assertThat(output).doesNotContain(WARNING)
					.contains("saas.auth.local-tokens.enabled is ignored: the identity provider clerk is configured");
			});
	}

	@Test
	void withSupabaseConfiguredTheFlagDoesNothing() {
		this.contextRunner
			.withPropertyValues("saas.auth.local-tokens.enabled=true",
					"saas.auth.supabase.url=https://abcdefghijklmnopqrst.supabase.co")
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(SupabaseJwtVerifier.class)
				.doesNotHaveBean(LocalTokenIssuer.class));
	}

	@Test
	void backsOffToUserBeans() {
		LocalTokenIssuer own = LocalTokenIssuer.clerk("https://issuer.example.test", "https://app.example.test");
		JwtDecoder decoder = (token) -> {
			throw new BadJwtException("no");
		};
		SaasJwtAuthenticationConverter converter = new SaasJwtAuthenticationConverter(
				(jwt) -> io.saasstack.auth.clerk.ClerkClaims.user(jwt), (user) -> java.util.List.of());
		TokenExtractor extractor = (authorization, cookies) -> cookies.get("token");
		this.contextRunner.withPropertyValues("saas.auth.local-tokens.enabled=true")
			.withBean(JwtDecoder.class, () -> decoder)
			.withBean(SaasJwtAuthenticationConverter.class, () -> converter)
			.withBean(TokenExtractor.class, () -> extractor)
			.run((context) -> {
				assertThat(context.getBean(JwtDecoder.class)).isSameAs(decoder);
				assertThat(context.getBean(SaasJwtAuthenticationConverter.class)).isSameAs(converter);
				assertThat(context.getBean(TokenExtractor.class)).isSameAs(extractor);
			});
		this.contextRunner.withPropertyValues("saas.auth.local-tokens.enabled=true")
			.withBean(LocalTokenIssuer.class, () -> own)
			.run((context) -> {
				assertThat(context.getBean(LocalTokenIssuer.class)).isSameAs(own);
				// the decoders trust the user's issuer (its key, iss and azp), and only it
				assertThat(context.getBean(JwtDecoder.class).decode(own.issue("user_1")).getSubject())
					.isEqualTo("user_1");
				LocalTokenIssuer otherKey = LocalTokenIssuer.clerk(null, null);
				assertThatExceptionOfType(JwtException.class)
					.isThrownBy(() -> context.getBean(JwtDecoder.class).decode(otherKey.issue("user_1")));
			});
	}

	@Test
	void withoutSpringSecurityJwtNothingIsConfigured() {
		this.contextRunner.withPropertyValues("saas.auth.local-tokens.enabled=true")
			.withClassLoader(new FilteredClassLoader(JwtDecoder.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(LocalTokenIssuer.class));
	}

	@Test
	void disabledAuthDisablesLocalTokens() {
		this.contextRunner.withPropertyValues("saas.auth.local-tokens.enabled=true", "saas.auth.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(LocalTokenIssuer.class));
	}

}
