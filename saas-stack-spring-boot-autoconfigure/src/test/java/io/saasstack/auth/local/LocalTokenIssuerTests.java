package io.saasstack.auth.local;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import io.saasstack.MutableClock;
import io.saasstack.auth.SaasOrganization;
import io.saasstack.auth.SaasUser;
import io.saasstack.auth.clerk.ClerkClaims;
import io.saasstack.auth.clerk.ClerkPemKey;
import io.saasstack.auth.clerk.ClerkTokenException;
import io.saasstack.auth.clerk.ClerkTokenVerifier;
import io.saasstack.auth.supabase.SupabaseClaims;
import io.saasstack.auth.supabase.SupabaseHttpClients;
import io.saasstack.auth.supabase.SupabaseJwtDecoder;
import io.saasstack.auth.supabase.SupabaseJwtVerifier;
import io.saasstack.core.SaasClientProperties;
import io.saasstack.core.SaasHttpClientFactory;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link LocalTokenIssuer}: its tokens pass the real verifiers of each shape.
 */
class LocalTokenIssuerTests {

	private static final String CLERK_ISSUER = "https://clerk.example.test";

	private static final String AZP = "https://app.example.test";

	private static final URI PROJECT_URL = URI.create("https://abcdefghijklmnopqrst.supabase.co");

	private static final String SUPABASE_ISSUER = "https://abcdefghijklmnopqrst.supabase.co/auth/v1";

	private static final String USER_ID = "123e4567-e89b-12d3-a456-426614174000";

	private static final LocalTokenIssuer CLERK = LocalTokenIssuer.clerk(CLERK_ISSUER, AZP);

	private static final LocalTokenIssuer LOCAL = LocalTokenIssuer.clerk(null, null);

	private static final LocalTokenIssuer SUPABASE = LocalTokenIssuer.supabase(SUPABASE_ISSUER);

	@Test
	void clerkTokenPassesTheClerkVerifierWithIssuerAndAuthorizedParty() {
		String token = CLERK.issue(LocalToken.user("user_2abc")
			.email("ada@example.com")
			.organization("org_1", "acme", "admin", "org:invoices:read", "org:invoices:write", "org:reports:read")
			.appMetadata(Map.of("plan", "pro"))
			.build());
		Jwt jwt = clerkVerifier(CLERK).verify(token);
		SaasUser user = ClerkClaims.user(jwt);
		assertThat(user.provider()).isEqualTo("clerk");
		assertThat(user.id()).isEqualTo("user_2abc");
		assertThat(user.sessionId()).matches("sess_[A-Za-z0-9]{27}");
		assertThat(user.email()).isEqualTo("ada@example.com");
		assertThat(user.role()).isNull();
		assertThat(user.organization()).isEqualTo(new SaasOrganization("org_1", "acme", "org:admin",
				List.of("org:invoices:read", "org:invoices:write", "org:reports:read")));
		assertThat(user.appMetadata()).containsExactly(Map.entry("plan", "pro"));
		assertThat(jwt.getClaims()).containsEntry("iss", CLERK_ISSUER)
			.containsEntry("azp", AZP)
			.containsEntry("v", 2L)
			.containsEntry("fea", "o:invoices,o:reports")
			.containsEntry("o", Map.of("id", "org_1", "slg", "acme", "rol", "admin", "per", "read,write", "fpm", "3,1"));
		assertThat(Duration.between(jwt.getIssuedAt(), jwt.getExpiresAt())).isEqualTo(Duration.ofHours(1));
		assertThat(jwt.getNotBefore()).isEqualTo(jwt.getIssuedAt());
	}

	@Test
	void clerkTokenHeaderIsThatOfClerk() throws Exception {
		SignedJWT jwt = SignedJWT.parse(CLERK.issue("user_1"));
		assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
		assertThat(jwt.getHeader().getType()).isEqualTo(JOSEObjectType.JWT);
		assertThat(jwt.getHeader().getKeyID()).isEqualTo(CLERK.keyId()).matches("saas-stack-local-[0-9a-f]{8}");
	}

	@Test
	void localShapeHasNeitherIssuerNorAuthorizedPartyAndMapsToTheLocalProvider() {
		Jwt jwt = clerkVerifier(LOCAL).verify(LOCAL.issue("user_1"));
		assertThat(jwt.getClaims()).doesNotContainKeys("iss", "azp", "o", "email", "public_metadata");
		SaasUser user = ClerkClaims.user(jwt, LocalTokenIssuer.PROVIDER);
		assertThat(user.provider()).isEqualTo("local");
		assertThat(user.id()).isEqualTo("user_1");
		assertThat(user.organization()).isNull();
	}

	@Test
	void organizationWithoutPermissionsHasNoFeatures() {
		Jwt jwt = clerkVerifier(LOCAL)
			.verify(LOCAL.issue(LocalToken.user("user_1").organization("org_1", null, "org:member").build()));
		assertThat(jwt.getClaims()).doesNotContainKey("fea").containsEntry("o", Map.of("id", "org_1", "rol", "member"));
		assertThat(ClerkClaims.user(jwt).organization())
			.isEqualTo(new SaasOrganization("org_1", null, "org:member", List.of()));
	}

	@Test
	void givenSessionIdAndExtraClaimsAreKept() {
		Jwt jwt = clerkVerifier(CLERK).verify(
				CLERK.issue(LocalToken.user("user_1").sessionId("sess_fixed").claim("plan", "pro").build()));
		assertThat(jwt.getClaims()).containsEntry("sid", "sess_fixed").containsEntry("plan", "pro");
	}

	@Test
	void extraClaimsComeLastSoTheyCanBreakTheToken() {
		String pending = CLERK.issue(LocalToken.user("user_1").claim("sts", "pending").build());
		assertThatExceptionOfType(JwtValidationException.class).isThrownBy(() -> clerkVerifier(CLERK).verify(pending))
			.satisfies((ex) -> assertThat(ex.getErrors()).singleElement()
				.satisfies((error) -> assertThat(error.getErrorCode()).isEqualTo("session-pending")));
	}

	@Test
	void tokenLifetimeComesFromTheTokenThenTheIssuer() {
		Jwt own = clerkVerifier(CLERK)
			.verify(CLERK.issue(LocalToken.user("user_1").expiresIn(Duration.ofMinutes(5)).build()));
		assertThat(Duration.between(own.getIssuedAt(), own.getExpiresAt())).isEqualTo(Duration.ofMinutes(5));
		LocalTokenIssuer shortLived = CLERK.withLifetime(Duration.ofMinutes(2));
		Jwt issuers = clerkVerifier(CLERK).verify(shortLived.issue("user_1"));
		assertThat(Duration.between(issuers.getIssuedAt(), issuers.getExpiresAt())).isEqualTo(Duration.ofMinutes(2));
		assertThat(shortLived.keyId()).isEqualTo(CLERK.keyId());
		assertThat(CLERK.lifetime()).isEqualTo(Duration.ofHours(1));
	}

	@Test
	void expiredClerkTokenIsRejected() {
		MutableClock clock = new MutableClock(Instant.now().minus(Duration.ofHours(2)));
		String token = CLERK.withClock(clock).issue("user_1");
		assertThatExceptionOfType(JwtValidationException.class).isThrownBy(() -> clerkVerifier(CLERK).verify(token))
			.satisfies((ex) -> assertThat(ex.getErrors()).singleElement()
				.satisfies((error) -> assertThat(error.getErrorCode()).isEqualTo("token-expired")));
	}

	@Test
	void anotherIssuersClerkTokenIsRejected() {
		LocalTokenIssuer other = LocalTokenIssuer.clerk(CLERK_ISSUER, AZP);
		assertThat(other.keyId()).isNotEqualTo(CLERK.keyId());
		assertThatExceptionOfType(ClerkTokenException.class)
			.isThrownBy(() -> clerkVerifier(CLERK).verify(other.issue("user_1")))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo("token-invalid-signature"));
	}

	@Test
	void clerkTokenOfAnotherInstanceOrPartyIsRejected() {
		LocalTokenIssuer otherIssuer = LocalTokenIssuer.clerk("https://clerk.other.test", AZP);
		ClerkTokenVerifier verifier = ClerkTokenVerifier.withJwtKey(otherIssuer.publicKeyPem())
			.issuer(CLERK_ISSUER)
			.authorizedParties(List.of("https://elsewhere.test"))
			.build();
		assertThatExceptionOfType(JwtValidationException.class)
			.isThrownBy(() -> verifier.verify(otherIssuer.issue("user_1")));
	}

	@Test
	void supabaseTokenPassesTheSupabaseDecoderWithTheKeySetAndNoNetwork() {
		String token = SUPABASE.issue(LocalToken.user(USER_ID)
			.email("ada@example.com")
			.appMetadata(Map.of("plan", "pro"))
			.userMetadata(Map.of("name", "Ada"))
			.build());
		Jwt jwt = supabaseDecoder(SUPABASE.jwkSet()).decode(token);
		SaasUser user = SupabaseClaims.toUser(jwt);
		assertThat(user.provider()).isEqualTo("supabase");
		assertThat(user.id()).isEqualTo(USER_ID);
		assertThat(user.sessionId()).isNotNull();
		assertThat(UUID.fromString(user.sessionId())).hasToString(user.sessionId());
		assertThat(user.email()).isEqualTo("ada@example.com");
		assertThat(user.role()).isEqualTo("authenticated");
		assertThat(user.appMetadata()).containsEntry("provider", "email")
			.containsEntry("providers", List.of("email"))
			.containsEntry("plan", "pro");
		assertThat(user.userMetadata()).containsExactly(Map.entry("name", "Ada"));
		assertThat(jwt.getClaims()).containsEntry("iss", SUPABASE_ISSUER)
			.containsEntry("aal", "aal1")
			.containsEntry("phone", "")
			.containsEntry("is_anonymous", false);
		assertThat(jwt.getAudience()).containsExactly("authenticated");
		assertThat(Duration.between(jwt.getIssuedAt(), jwt.getExpiresAt())).isEqualTo(Duration.ofHours(1));
	}

	@Test
	void supabaseAudienceIsAStringAsSupabaseSendsIt() throws Exception {
		assertThat(SignedJWT.parse(SUPABASE.issue(USER_ID)).getPayload().toJSONObject())
			.containsEntry("aud", "authenticated");
	}

	@Test
	void supabaseRoleCanBeGiven() {
		Jwt jwt = supabaseDecoder(SUPABASE.jwkSet())
			.decode(SUPABASE.issue(LocalToken.user(USER_ID).role("service_role").build()));
		assertThat(SupabaseClaims.toUser(jwt).role()).isEqualTo("service_role");
		assertThat(SupabaseClaims.toUser(jwt).email()).isNull();
	}

	@Test
	void supabaseUserIdMustBeAUuid() {
		assertThatIllegalArgumentException().isThrownBy(() -> SUPABASE.issue("user_1"))
			.withMessageContaining("'user_1' is not one");
	}

	@Test
	void expiredSupabaseTokenIsRejected() {
		String token = SUPABASE.withClock(new MutableClock(Instant.now().minus(Duration.ofHours(2)))).issue(USER_ID);
		assertThatExceptionOfType(JwtValidationException.class)
			.isThrownBy(() -> supabaseDecoder(SUPABASE.jwkSet()).decode(token));
	}

	@Test
	void anotherIssuersSupabaseTokenIsRejected() {
		LocalTokenIssuer otherKey = LocalTokenIssuer.supabase(SUPABASE_ISSUER);
		assertThatExceptionOfType(BadJwtException.class)
			.isThrownBy(() -> supabaseDecoder(SUPABASE.jwkSet()).decode(otherKey.issue(USER_ID)));
		LocalTokenIssuer otherProject = LocalTokenIssuer.supabase("https://other.supabase.co/auth/v1");
		assertThatExceptionOfType(JwtValidationException.class)
			.isThrownBy(() -> supabaseDecoder(otherProject.jwkSet()).decode(otherProject.issue(USER_ID)));
	}

	@Test
	void publicKeysArePublicOnly() {
		List<JWK> keys = CLERK.jwkSet().getKeys();
		assertThat(keys).singleElement().satisfies((key) -> {
			assertThat(key.isPrivate()).isFalse();
			assertThat(key.getKeyID()).isEqualTo(CLERK.keyId());
			assertThat(key.toJSONObject()).doesNotContainKeys("d", "p", "q", "dp", "dq", "qi");
		});
		assertThat(CLERK.jwkSet().toString(false)).doesNotContain("\"d\"");
		RSAKey fromPem = ClerkPemKey.parse(CLERK.publicKeyPem());
		assertThat(fromPem.getModulus()).isEqualTo(((RSAKey) keys.get(0)).getModulus());
		assertThat(CLERK.publicKeyPem()).startsWith("-----BEGIN PUBLIC KEY-----\n")
			.endsWith("-----END PUBLIC KEY-----\n");
	}

	@Test
	void toStringNamesTheKeyButNeverItsMaterial() {
		String text = CLERK.toString();
		assertThat(text).contains(CLERK.keyId()).contains(CLERK_ISSUER).contains("clerk");
		String modulus = ((RSAKey) CLERK.jwkSet().getKeys().get(0)).getModulus().toString();
		assertThat(text).doesNotContain(modulus.substring(0, 16)).doesNotContain("BEGIN");
	}

	@Test
	void issuesConcurrently() throws Exception {
		ClerkTokenVerifier verifier = clerkVerifier(CLERK);
		ExecutorService executor = Executors.newFixedThreadPool(4);
		try {
			List<Future<String>> tokens = new ArrayList<>();
			for (int i = 0; i < 40; i++) {
				String userId = "user_" + i;
				tokens.add(executor.submit(() -> CLERK.issue(userId)));
			}
			for (int i = 0; i < tokens.size(); i++) {
				assertThat(verifier.verify(tokens.get(i).get(1, TimeUnit.MINUTES)).getSubject()).isEqualTo("user_" + i);
			}
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void rejectsBadArgumentsBeforeMinting() {
		assertThatIllegalArgumentException().isThrownBy(() -> LocalToken.user(" "));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LocalToken.user("user_1").organization("org_1", "acme", "admin", "invoices:read"))
			.withMessageContaining("org:<feature>:<permission>");
		assertThatIllegalArgumentException().isThrownBy(() -> LocalToken.user("user_1").expiresIn(Duration.ZERO));
		assertThatIllegalArgumentException().isThrownBy(() -> CLERK.withLifetime(Duration.ofSeconds(-1)));
		assertThatIllegalArgumentException().isThrownBy(() -> LocalTokenIssuer.supabase(" "));
	}

	private static ClerkTokenVerifier clerkVerifier(LocalTokenIssuer issuer) {
		String azp = issuer.authorizedParty();
		return ClerkTokenVerifier.withJwtKey(issuer.publicKeyPem())
			.issuer(issuer.issuer())
			.authorizedParties((azp != null) ? List.of(azp) : List.of())
			.build();
	}

	/** A decoder whose client points at a closed port: any key-set fetch would fail. */
	private static SupabaseJwtDecoder supabaseDecoder(com.nimbusds.jose.jwk.JWKSet keys) {
		SaasClientProperties properties = new SaasClientProperties(URI.create("http://127.0.0.1:9")) {
		};
		properties.getRetry().setMaxAttempts(1);
		return new SupabaseJwtDecoder(SupabaseJwtVerifier
			.builder(SupabaseHttpClients.httpClient(SaasHttpClientFactory.standalone(), properties, null), PROJECT_URL)
			.publicKeys(keys)
			.build());
	}

}
