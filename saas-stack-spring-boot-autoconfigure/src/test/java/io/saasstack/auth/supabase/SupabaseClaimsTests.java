package io.saasstack.auth.supabase;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.saasstack.auth.SaasUser;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link SupabaseClaims}.
 */
class SupabaseClaimsTests {

	private static final Instant IAT = Instant.ofEpochSecond(1640991600);

	private static final Instant EXP = Instant.ofEpochSecond(1640995200);

	private static Jwt.Builder jwt() {
		return Jwt.withTokenValue("token")
			.header("alg", "ES256")
			.subject(SupabaseTestSupport.USER_ID)
			.issuedAt(IAT)
			.expiresAt(EXP)
			.audience(List.of("authenticated"))
			.claim("session_id", SupabaseTestSupport.SESSION_ID)
			.claim("email", "user@example.com")
			.claim("role", "authenticated")
			.claim("app_metadata", Map.of("provider", "email", "providers", List.of("email")))
			.claim("user_metadata", Map.of("name", "John Doe"));
	}

	@Test
	void mapsTheClaimsOfAnAccessToken() {
		Jwt jwt = jwt().build();
		SaasUser user = SupabaseClaims.toUser(jwt);
		assertThat(user.provider()).isEqualTo("supabase");
		assertThat(user.id()).isEqualTo(SupabaseTestSupport.USER_ID);
		assertThat(user.id()).isEqualTo(SupabaseTestSupport.USER_ID);
		assertThat(user.sessionId()).isEqualTo(SupabaseTestSupport.SESSION_ID);
		assertThat(user.email()).isEqualTo("user@example.com");
		assertThat(user.role()).isEqualTo("authenticated");
		assertThat(user.organization()).isNull();
		assertThat(user.appMetadata()).containsEntry("provider", "email").containsEntry("providers", List.of("email"));
		assertThat(user.userMetadata()).containsExactly(Map.entry("name", "John Doe"));
		assertThat(user.issuedAt()).isEqualTo(IAT);
		assertThat(user.expiresAt()).isEqualTo(EXP);
		assertThat(user.claims()).isEqualTo(jwt.getClaims());
	}

	@Test
	void mapsAnonymousAndServiceRoles() {
		assertThat(SupabaseClaims.toUser(jwt().claim("role", "anon").build()).role()).isEqualTo("anon");
		assertThat(SupabaseClaims.toUser(jwt().claim("role", "service_role").build()).role()).isEqualTo("service_role");
	}

	@Test
	void mapsMissingOrEmptyValuesToNullOrEmpty() {
		Jwt jwt = Jwt.withTokenValue("token")
			.header("alg", "ES256")
			.subject(SupabaseTestSupport.USER_ID)
			.claim("email", "")
			.claim("app_metadata", "not an object")
			.build();
		SaasUser user = SupabaseClaims.toUser(jwt);
		assertThat(user.email()).isNull();
		assertThat(user.sessionId()).isNull();
		assertThat(user.role()).isNull();
		assertThat(user.appMetadata()).isEmpty();
		assertThat(user.userMetadata()).isEmpty();
		assertThat(user.issuedAt()).isNull();
	}

	@Test
	void requiresASubject() {
		Jwt jwt = Jwt.withTokenValue("token").header("alg", "ES256").claim("role", "anon").build();
		assertThatIllegalArgumentException().isThrownBy(() -> SupabaseClaims.toUser(jwt))
			.withMessage("the token has no sub claim");
	}

}
