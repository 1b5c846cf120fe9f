package io.saasstack.auth.clerk;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.saasstack.Vectors;
import io.saasstack.auth.SaasOrganization;
import io.saasstack.auth.SaasUser;
import io.saasstack.core.SaasJson;
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

	@ParameterizedTest(name = "{0}")
	@MethodSource("claimsMapping")
	void claimsMappingVector(String name, JsonNode vector) {
		Map<String, Object> claims = SaasJson.mapper().convertValue(vector.get("input").get("claims"),
				new TypeReference<Map<String, Object>>() {
				});
		JsonNode expected = vector.get("expected");
		SaasUser user = ClerkClaims.user(claims);
		assertThat(user.provider()).isEqualTo("clerk");
		assertThat(user.id()).isEqualTo(expected.get("userId").asString());
		assertThat(user.sessionId()).isEqualTo(expected.get("sessionId").asString());
		assertThat(user.claims().get("sts")).isEqualTo(text(expected.get("sessionStatus")));
		assertThat(user.claims().get("fva")).isEqualTo(text(expected.get("factorVerificationAge")));
		SaasOrganization organization = user.organization();
		assertThat(organization).isNotNull();
		assertThat(organization.id()).isEqualTo(expected.get("orgId").asString());
		assertThat(organization.slug()).isEqualTo(expected.get("orgSlug").asString());
		assertThat(organization.role()).isEqualTo(expected.get("orgRole").asString());
		assertThat(organization.permissions()).containsExactlyElementsOf(
				expected.get("orgPermissions").valueStream().map(JsonNode::asString).toList());
	}

	private static Object text(JsonNode node) {
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
		assertThat(user.id()).isEqualTo("user_1");
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
