package io.saasstack.auth.autoconfigure;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import io.saasstack.auth.clerk.ClerkTokenVerifier;
import io.saasstack.auth.supabase.SupabaseJwtVerifier;
import io.saasstack.core.InvalidSaasPropertyException;
import io.saasstack.core.autoconfigure.SaasCoreAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AuthAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AuthAutoConfiguration.class));

	/** With the HTTP clients the verifiers need. */
	private final ApplicationContextRunner httpContextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class,
				ReactiveHttpClientAutoConfiguration.class, SaasCoreAutoConfiguration.class, AuthAutoConfiguration.class));

	@Test
	void bindsClerkAndSupabaseProperties() {
		this.contextRunner
			.withPropertyValues("saas.auth.provider=clerk", "saas.auth.clerk.secret-key=sk_test_abc",
					"saas.auth.clerk.publishable-key=pk_test_Y2xlcmsuZXhhbXBsZS5jb20k",
					"saas.auth.supabase.url=https://abc.supabase.co",
					"saas.auth.supabase.publishable-key=sb_publishable_x", "saas.auth.supabase.secret-key=eyJhbGciOi")
			.run((context) -> {
				AuthProperties properties = context.getBean(AuthProperties.class);
				assertThat(properties.getProvider()).isEqualTo(AuthProperties.Provider.CLERK);
				assertThat(properties.getClerk().getSecretKey()).isEqualTo("sk_test_abc");
				assertThat(properties.getSupabase().getUrl()).hasHost("abc.supabase.co");
			});
	}

	@Test
	void canBeDisabled() {
		this.contextRunner.withPropertyValues("saas.auth.enabled=false", "saas.auth.clerk.secret-key=bad")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(AuthProperties.class));
	}

	@Test
	void rejectsPublishableKeyInSecretKey() {
		this.contextRunner.withPropertyValues("saas.auth.clerk.secret-key=pk_test_abc")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidSaasPropertyException.class)
				.hasMessageContaining("saas.auth.clerk.secret-key")
				.hasMessageContaining("publishable key"));
	}

	@Test
	void rejectsSecretKeyOfAnotherShape() {
		this.contextRunner.withPropertyValues("saas.auth.clerk.secret-key=re_abc")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("'sk_test_' or 'sk_live_'"));
	}

	@Test
	void rejectsSupabaseUrlWithoutScheme() {
		this.contextRunner.withPropertyValues("saas.auth.supabase.url=abc.supabase.co")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("saas.auth.supabase.url"));
	}

	@Test
	void rejectsSelectedProviderWithoutSettings() {
		this.contextRunner.withPropertyValues("saas.auth.provider=supabase")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidSaasPropertyException.class)
				.hasMessageContaining("saas.auth.provider"));
	}

	/** Clerk's verifier checks {@code exp} and {@code nbf} with the application's clock when it defines one. */
	@Test
	void clerkChecksTokenTimesWithTheApplicationsClock() {
		// expired a minute ago by the wall clock, valid by an application clock 90 s behind
		String token = AuthTokens.expired();
		ApplicationContextRunner runner = this.httpContextRunner.withPropertyValues("saas.auth.provider=clerk",
				"saas.auth.clerk.jwt-key=" + AuthTokens.pem(), "saas.auth.clerk.issuer=" + AuthTokens.ISSUER,
				"saas.auth.clerk.authorized-parties=" + AuthTokens.AZP);
		runner.run((context) -> assertThatExceptionOfType(JwtException.class)
			.isThrownBy(() -> context.getBean(ClerkTokenVerifier.class).verify(token))
			.withMessageContaining("expired"));
		runner.withBean(Clock.class, () -> clockSecondsAgo(90))
			.run((context) -> assertThat(context.getBean(ClerkTokenVerifier.class).verify(token).getSubject())
				.isEqualTo("user_2abc"));
	}

	/** Supabase's verifier too. */
	@Test
	void supabaseChecksTokenTimesWithTheApplicationsClock() {
		Jwt token = Jwt.withTokenValue("t")
			.header("alg", "HS256")
			.issuer("https://abc.supabase.co/auth/v1")
			.audience(List.of("authenticated"))
			.subject("123e4567-e89b-12d3-a456-426614174000")
			.issuedAt(Instant.now().minusSeconds(120))
			.expiresAt(Instant.now().minusSeconds(60))
			.build();
		ApplicationContextRunner runner = this.httpContextRunner.withPropertyValues("saas.auth.provider=supabase",
				"saas.auth.supabase.url=https://abc.supabase.co");
		runner.run((context) -> assertThat(context.getBean(SupabaseJwtVerifier.class).validator().validate(token).getErrors())
			.singleElement()
			.satisfies((error) -> assertThat(error.getDescription()).startsWith("Jwt expired at ")));
		runner.withBean(Clock.class, () -> clockSecondsAgo(90))
			.run((context) -> assertThat(
					context.getBean(SupabaseJwtVerifier.class).validator().validate(token).getErrors())
				.isEmpty());
	}

	private static Clock clockSecondsAgo(long seconds) {
		return Clock.fixed(Instant.now().minusSeconds(seconds), ZoneOffset.UTC);
	}

}
