package io.saasstack.auth.clerk;

import java.net.URI;
import java.time.Duration;
import java.util.Date;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import io.saasstack.auth.SaasMachine;
import io.saasstack.auth.SaasTokenType;
import io.saasstack.auth.security.SaasTokenException;
import io.saasstack.auth.security.TokenFailure;
import io.saasstack.core.SaasClientProperties;
import io.saasstack.core.SaasHttpClientFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tests for {@link ClerkMachineAuthenticator}: the routing of {@code verifyMachineAuthToken}, the
 * JWT forms verified without any network call (M2M with its {@code cat}, OAuth with its
 * {@code typ} and optional audience) and mapped as the SDK's {@code fromJwtPayload}, and the
 * opaque forms refused before any call when they cannot be Clerk's.
 */
class ClerkMachineAuthenticatorTests {

	@RegisterExtension
	static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final ClerkMachineAuthenticator networkless = new ClerkMachineAuthenticator(verifier(List.of()), null,
			new ClerkMachineTokenCache(TestTokens.CLOCK, Duration.ofSeconds(10), 100));

	static ClerkTokenVerifier verifier(List<String> audiences) {
		return ClerkTokenVerifier.withJwtKey(TestTokens.pem(TestTokens.KEY))
			.clock(TestTokens.CLOCK)
			.issuer(TestTokens.ISSUER)
			.authorizedParties(List.of(TestTokens.AZP))
			.audiences(audiences)
			.build();
	}

	@Test
	void routesAsTheSdk() {
		assertThat(this.networkless.typeOf("ak_x")).isEqualTo(SaasTokenType.API_KEY);
		assertThat(this.networkless.typeOf("mt_x")).isEqualTo(SaasTokenType.M2M_TOKEN);
		assertThat(this.networkless.typeOf("oat_x")).isEqualTo(SaasTokenType.OAUTH_TOKEN);
		assertThat(this.networkless.typeOf(MachineTokens.m2m())).isEqualTo(SaasTokenType.M2M_TOKEN);
		assertThat(this.networkless.typeOf(MachineTokens.oauth())).isEqualTo(SaasTokenType.OAUTH_TOKEN);
		assertThat(this.networkless.typeOf(MachineTokens.oauth("application/at+jwt", (claims) -> {
		}))).isEqualTo(SaasTokenType.OAUTH_TOKEN);
		// a mch_ subject wins over the at+jwt type, as getMachineTokenType checks M2M first
		assertThat(this.networkless.typeOf(MachineTokens.oauth("at+jwt", (claims) -> claims.subject("mch_1"))))
			.isEqualTo(SaasTokenType.M2M_TOKEN);
		assertThat(this.networkless.typeOf(TestTokens.token())).isEqualTo(SaasTokenType.SESSION_TOKEN);
		assertThat(this.networkless.typeOf("garbage")).isEqualTo(SaasTokenType.SESSION_TOKEN);
	}

	@Test
	void m2mJwtIsVerifiedWithoutNetworkAndMappedAsFromJwtPayload() {
		SaasMachine machine = this.networkless.authenticate(MachineTokens.m2m(), SaasTokenType.M2M_TOKEN).block();
		assertThat(machine.tokenType()).isEqualTo(SaasTokenType.M2M_TOKEN);
		assertThat(machine.id()).isEqualTo("mt_f7f0ba8c3b4843ce7d85fcdd5e71853e");
		assertThat(machine.subject()).isEqualTo(MachineTokens.MACHINE);
		assertThat(machine.scopes()).containsExactly("mch_2yGkLpQ7Y3rXSwtU24CzTk9I7Em", "reports:read");
		assertThat(machine.claims()).containsOnlyKeys("scopes", "job");
		assertThat(machine.expiresAt()).isEqualTo(TestTokens.NOW.plusSeconds(3600));
		assertThat(wm.findAll(anyRequestedFor(anyUrl()))).isEmpty();
	}

	@Test
	void m2mJwtScopesFallBackToAud() {
		SaasMachine machine = this.networkless.authenticate(MachineTokens.m2m((header) -> {
		}, (claims) -> claims.claim("scopes", null).audience(List.of("mch_a", "mch_b"))), SaasTokenType.M2M_TOKEN)
			.block();
		assertThat(machine.scopes()).containsExactly("mch_a", "mch_b");
	}

	@Test
	void m2mJwtCategoryAbsentOrM2mOnly() {
		assertThat(this.networkless.authenticate(MachineTokens.m2m((header) -> {
		}, (claims) -> {
		}), SaasTokenType.M2M_TOKEN).block()).isNotNull();
		for (String cat : List.of("cl_B7d4PD111AAA", "cl_B7d4PD222AAA", "cl_I7d4PD111III", "other")) {
			String token = MachineTokens.m2m((header) -> header.customParam("cat", cat), (claims) -> {
			});
			assertThat(refusal(token, SaasTokenType.M2M_TOKEN).getMessage()).as(cat)
				.contains("Invalid M2M JWT category");
		}
	}

	@Test
	void m2mJwtMustBeTypedJwtOrUntyped() {
		String token = MachineTokens.m2m((header) -> header.type(new JOSEObjectType("at+jwt")), (claims) -> {
		});
		assertThat(refusal(token, SaasTokenType.M2M_TOKEN).getMessage()).contains("Invalid JWT type");
	}

	@Test
	void oauthJwtIsVerifiedWithoutNetworkAndMapped() {
		for (String typ : List.of("at+jwt", "application/at+jwt")) {
			SaasMachine machine = this.networkless.authenticate(MachineTokens.oauth(typ, (claims) -> {
			}), SaasTokenType.OAUTH_TOKEN).block();
			assertThat(machine.tokenType()).isEqualTo(SaasTokenType.OAUTH_TOKEN);
			assertThat(machine.id()).isEqualTo("oat_0ef5a7a33d87ed87ee7954c845d80450");
			assertThat(machine.clientId()).isEqualTo("client_2xhFjEI5X2qWRvtV13BzSj8H6Dk");
			assertThat(machine.subject()).isEqualTo("user_2xhFjEI5X2qWRvtV13BzSj8H6Dk");
			assertThat(machine.scopes()).containsExactly("profile", "reports:read");
		}
		SaasMachine spaced = this.networkless.authenticate(
				MachineTokens.oauth("at+jwt", (claims) -> claims.claim("scp", null).claim("scope", "a b")),
				SaasTokenType.OAUTH_TOKEN)
			.block();
		assertThat(spaced.scopes()).containsExactly("a", "b");
		assertThat(wm.findAll(anyRequestedFor(anyUrl()))).isEmpty();
	}

	@Test
	void oauthJwtAudienceIsCheckedOnlyWhenConfiguredAndPresent() {
		ClerkMachineAuthenticator withAudience = new ClerkMachineAuthenticator(verifier(List.of("https://api.example.com")),
				null, new ClerkMachineTokenCache(TestTokens.CLOCK, Duration.ofSeconds(10), 100));
		String foreign = MachineTokens.oauth("at+jwt", (claims) -> claims.audience("https://other.example.com"));
		String matching = MachineTokens.oauth("at+jwt", (claims) -> claims.audience("https://api.example.com"));
		assertThat(TokenFailure.of(catchThrowable(() -> withAudience.authenticate(foreign, SaasTokenType.OAUTH_TOKEN)
			.block()))).isEqualTo(TokenFailure.NOT_ACCEPTED);
		assertThat(withAudience.authenticate(matching, SaasTokenType.OAUTH_TOKEN).block()).isNotNull();
		assertThat(withAudience.authenticate(MachineTokens.oauth(), SaasTokenType.OAUTH_TOKEN).block()).isNotNull();
		assertThat(this.networkless.authenticate(foreign, SaasTokenType.OAUTH_TOKEN).block()).isNotNull();
	}

	@Test
	void machineJwtsIgnoreTheAuthorizedPartiesOfBrowsers() {
		// the verifier requires azp of session tokens; machine tokens have none
		assertThat(catchThrowable(() -> verifier(List.of()).verify(TestTokens.token((claims) -> claims.claim("azp", null)))))
			.isNotNull();
		assertThat(this.networkless.authenticate(MachineTokens.m2m(), SaasTokenType.M2M_TOKEN).block()).isNotNull();
	}

	@Test
	void expiredAndForgedMachineJwtsAreRefused() {
		String expired = MachineTokens.m2m((header) -> {
		}, (claims) -> claims.expirationTime(Date.from(TestTokens.NOW.minusSeconds(6))));
		assertThat(failure(expired, SaasTokenType.M2M_TOKEN)).isEqualTo(TokenFailure.EXPIRED);
		String expiredOAuth = MachineTokens.oauth("at+jwt",
				(claims) -> claims.expirationTime(Date.from(TestTokens.NOW.minusSeconds(6))));
		assertThat(failure(expiredOAuth, SaasTokenType.OAUTH_TOKEN)).isEqualTo(TokenFailure.EXPIRED);
		String forged = TestTokens.token(TestTokens.OTHER_KEY, JWSAlgorithm.RS256, (header) -> {
		}, MachineTokens.m2mClaims().build());
		assertThat(refusal(forged, SaasTokenType.M2M_TOKEN).failure()).isEqualTo(TokenFailure.SIGNATURE);
	}

	@Test
	void aTokenIsVerifiedAsTheTypeItIsNotAsTheTypeAskedFor() {
		assertThat(refusal(MachineTokens.oauth(), SaasTokenType.M2M_TOKEN).getReason()).isEqualTo("token-type-mismatch");
		assertThat(refusal(TestTokens.token(), SaasTokenType.OAUTH_TOKEN).getReason()).isEqualTo("token-type-mismatch");
		assertThat(refusal(MachineTokens.m2m(), SaasTokenType.API_KEY).failure()).isEqualTo(TokenFailure.MALFORMED);
		assertThat(refusal("mt_abc", SaasTokenType.API_KEY).failure()).isEqualTo(TokenFailure.MALFORMED);
	}

	@Test
	void implausibleOpaqueTokensAreRefusedBeforeAnyCall() {
		ClerkMachineAuthenticator authenticator = opaque(Duration.ofSeconds(10));
		wm.stubFor(post(urlEqualTo("/api_keys/verify")).willReturn(okJson(ClerkMachineTokensTests.apiKeyAnswer(false,
				false, "null"))));
		for (String token : List.of("ak_" + "a".repeat(600), "ak_a b", "ak_\u00e9", "ak_a\u0000")) {
			assertThat(catchThrowableOfType(SaasTokenException.class,
					() -> authenticator.authenticate(token, SaasTokenType.API_KEY).block())
				.failure()).isEqualTo(TokenFailure.MALFORMED);
		}
		assertThat(wm.findAll(anyRequestedFor(anyUrl()))).isEmpty();
	}

	@Test
	void opaqueTokensWithoutSecretKeyAreRefused() {
		assertThat(refusal("ak_abc", SaasTokenType.API_KEY).failure())
			.isEqualTo(TokenFailure.VERIFICATION_UNAVAILABLE);
	}

	@Test
	void opaqueTokensAreVerifiedOncePerTimeToLive() {
		ClerkMachineAuthenticator authenticator = opaque(Duration.ofSeconds(10));
		wm.stubFor(post(urlEqualTo("/api_keys/verify")).willReturn(okJson(ClerkMachineTokensTests.apiKeyAnswer(false,
				false, "null"))));
		for (int i = 0; i < 3; i++) {
			assertThat(authenticator.authenticate("ak_secret", SaasTokenType.API_KEY).block().name())
				.isEqualTo("NIGHTLY_REPORTS");
		}
		assertThat(wm.findAll(anyRequestedFor(anyUrl()))).hasSize(1);
		assertThat(authenticator.toString()).doesNotContain("ak_secret");
	}

	private ClerkMachineAuthenticator opaque(Duration timeToLive) {
		SaasClientProperties properties = new SaasClientProperties(URI.create(wm.baseUrl())) {
		};
		ClerkMachineTokens tokens = new ClerkMachineTokens(
				ClerkMachineTokens.httpClient(SaasHttpClientFactory.standalone(), properties, "sk_test_x"), null,
				TestTokens.CLOCK, Duration.ofSeconds(5));
		return new ClerkMachineAuthenticator(verifier(List.of()), tokens,
				new ClerkMachineTokenCache(TestTokens.CLOCK, timeToLive, 100));
	}

	private TokenFailure failure(String token, SaasTokenType type) {
		Throwable refused = catchThrowable(() -> this.networkless.authenticate(token, type).block());
		assertThat(refused).as("refused").isNotNull();
		return TokenFailure.of(refused);
	}

	private SaasTokenException refusal(String token, SaasTokenType type) {
		SaasTokenException refused = catchThrowableOfType(SaasTokenException.class,
				() -> this.networkless.authenticate(token, type).block());
		assertThat(refused).as("refused").isNotNull();
		return refused;
	}

}
