package io.saasstack.auth.clerk;

import java.util.Date;
import java.util.List;
import java.util.function.Consumer;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;

/**
 * Machine JWTs shaped as Clerk mints them, signed with {@link TestTokens#KEY}: M2M tokens (sub
 * {@code mch_...}, header {@code cat} {@code cl_B7d4PD333AAA}) and OAuth access tokens (typ
 * {@code at+jwt}).
 */
final class MachineTokens {

	static final String MACHINE = "mch_2xhFjEI5X2qWRvtV13BzSj8H6Dk";

	private MachineTokens() {
	}

	static JWTClaimsSet.Builder m2mClaims() {
		return new JWTClaimsSet.Builder().subject(MACHINE)
			.issuer(TestTokens.ISSUER)
			.jwtID("mt_f7f0ba8c3b4843ce7d85fcdd5e71853e")
			.claim("scopes", "mch_2yGkLpQ7Y3rXSwtU24CzTk9I7Em reports:read")
			.claim("job", "nightly")
			.issueTime(Date.from(TestTokens.NOW.minusSeconds(10)))
			.notBeforeTime(Date.from(TestTokens.NOW.minusSeconds(10)))
			.expirationTime(Date.from(TestTokens.NOW.plusSeconds(3600)));
	}

	static String m2m() {
		return m2m((header) -> header.customParam("cat", ClerkMachineAuthenticator.M2M_CATEGORY), (claims) -> {
		});
	}

	static String m2m(Consumer<JWSHeader.Builder> header, Consumer<JWTClaimsSet.Builder> claims) {
		JWTClaimsSet.Builder builder = m2mClaims();
		claims.accept(builder);
		return TestTokens.token(TestTokens.KEY, JWSAlgorithm.RS256, header, builder.build());
	}

	static JWTClaimsSet.Builder oauthClaims() {
		return new JWTClaimsSet.Builder().subject("user_2xhFjEI5X2qWRvtV13BzSj8H6Dk")
			.issuer(TestTokens.ISSUER)
			.jwtID("oat_0ef5a7a33d87ed87ee7954c845d80450")
			.claim("client_id", "client_2xhFjEI5X2qWRvtV13BzSj8H6Dk")
			.claim("scp", List.of("profile", "reports:read"))
			.issueTime(Date.from(TestTokens.NOW.minusSeconds(10)))
			.notBeforeTime(Date.from(TestTokens.NOW.minusSeconds(10)))
			.expirationTime(Date.from(TestTokens.NOW.plusSeconds(3600)));
	}

	static String oauth() {
		return oauth("at+jwt", (claims) -> {
		});
	}

	static String oauth(String typ, Consumer<JWTClaimsSet.Builder> claims) {
		JWTClaimsSet.Builder builder = oauthClaims();
		claims.accept(builder);
		return TestTokens.token(TestTokens.KEY, JWSAlgorithm.RS256, (header) -> header.type(new JOSEObjectType(typ)),
				builder.build());
	}

}
