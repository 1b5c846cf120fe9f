package io.saasstack.auth.clerk;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.saasstack.VectorCase;
import io.saasstack.VectorRuns;
import io.saasstack.Vectors;
import io.saasstack.auth.SaasOrganization;
import io.saasstack.auth.SaasUser;
import io.saasstack.core.SaasJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link ClerkClaims}, including the {@code clerk/claims-mapping} vectors.
 */
class ClerkClaimsTests {

	static Stream<Arguments> claimsMapping() {
		return Vectors.arguments("/vectors/clerk-claims-mapping.json");
	}

	static final VectorRuns RUNS = new VectorRuns();

	@AfterAll
	static void everyVectorRan() {
		RUNS.assertEveryCaseRan(Vectors.names(claimsMapping()));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("claimsMapping")
	void claimsMappingVector(String name, JsonNode vector) {
		VectorCase.run(vector, (v) -> {
			// the claims are the input, whole: every claim of the case is given to the mapper
			Map<String, Object> claims = SaasJson.mapper().convertValue(v.require("input.claims"),
					new TypeReference<Map<String, Object>>() {
					});
			SaasUser user = ClerkClaims.user(claims);
			assertThat(user.provider()).isEqualTo("clerk");
			assertThat(user.id()).isEqualTo(v.require("expected.userId").asString());
			assertThat(user.sessionId()).isEqualTo(v.require("expected.sessionId").asString());
			assertThat(user.claims().get("sts")).isEqualTo(text(v.get("expected.sessionStatus")));
			assertThat(user.claims().get("fva")).isEqualTo(text(v.get("expected.factorVerificationAge")));
			SaasOrganization organization = user.organization();
			assertThat(organization).isNotNull();
			assertThat(organization.id()).isEqualTo(v.require("expected.orgId").asString());
			assertThat(organization.slug()).isEqualTo(v.require("expected.orgSlug").asString());
			assertThat(organization.role()).isEqualTo(v.require("expected.orgRole").asString());
			assertThat(organization.permissions()).containsExactlyElementsOf(
					v.require("expected.orgPermissions").valueStream().map(JsonNode::asString).toList());
		});
		RUNS.ran(name);
	}

	private static Object text(JsonNode node) {
		assertThat(node.isMissingNode()).as("the vector gives the field (null when absent)").isFalse();
		return node.isNull() ? null : node.asString();
	}

	@Test
	void mapsAVerifiedJwt() {
		Jwt jwt = Jwt.withTokenValue("token")
			.header("alg", "RS256")
			.subject("user_1")
			.claim("sid", "sess_1")
			.claim("email", "ada@example.com")
			.claim("public_metadata", Map.of("plan", "pro"))
			.issuedAt(Instant.ofEpochSecond(100))
			.expiresAt(Instant.ofEpochSecond(160))
			.build();
		SaasUser user = ClerkClaims.user(jwt);
		assertThat(user.provider()).isEqualTo("clerk");
		assertThat(user.id()).isEqualTo("user_1");
		assertThat(user.sessionId()).isEqualTo("sess_1");
		assertThat(user.email()).isEqualTo("ada@example.com");
		assertThat(user.role()).isNull();
		assertThat(user.organization()).isNull();
		assertThat(user.appMetadata()).containsEntry("plan", "pro");
		assertThat(user.userMetadata()).isEmpty();
		assertThat(user.issuedAt()).isEqualTo(Instant.ofEpochSecond(100));
		assertThat(user.expiresAt()).isEqualTo(Instant.ofEpochSecond(160));
		assertThat(user.claims()).containsEntry("sub", "user_1");
	}

	@Test
	void readsEpochSecondsAndNoOrganisation() {
		SaasUser user = ClerkClaims.user(Map.of("sub", "user_1", "iat", 100L, "exp", 160, "v", 2));
		assertThat(user.issuedAt()).isEqualTo(Instant.ofEpochSecond(100));
		assertThat(user.expiresAt()).isEqualTo(Instant.ofEpochSecond(160));
		assertThat(user.sessionId()).isNull();
		assertThat(user.organization()).isNull();
	}

	@Test
	void requiresAStringSubject() {
		assertThatIllegalArgumentException().isThrownBy(() -> ClerkClaims.user(Map.of("sid", "sess_1")));
	}

	@Test
	void decodesScopesContainingO() {
		assertThat(ClerkClaims.permissions("u:a,ou:b,uo:c,o:d", "read,write", "1,2,3"))
			.containsExactly("org:b:read", "org:c:write", "org:d:read", "org:d:write");
		assertThat(ClerkClaims.permissions("o:a", "read", "1,1")).containsExactly("org:a:read");
		assertThat(ClerkClaims.permissions("o:a", null, "1")).isEmpty();
		assertThat(ClerkClaims.permissions(null, "read", "1")).isEmpty();
	}

	@Test
	void v2WithoutRoleOrPermissions() {
		SaasOrganization organization = ClerkClaims
			.organization(Map.of("sub", "user_1", "v", 2, "o", Map.of("id", "org_1")));
		assertThat(organization).isEqualTo(new SaasOrganization("org_1", null, null, List.of()));
	}

}
