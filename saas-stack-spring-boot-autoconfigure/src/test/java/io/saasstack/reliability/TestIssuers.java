package io.saasstack.reliability;

import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;

/**
 * The token issuers of the hostile-token corpus: a Clerk instance (RS256) and a Supabase project
 * (ES256 and RS256 keys in its key set, plus the legacy HS256 secret).
 */
final class TestIssuers {

	/**
	 * The instant of every token's time claims, and of the clock the applications under test
	 * check them with ({@link #CLOCK}): a run that takes long does not see its tokens age.
	 */
	static final java.time.Instant NOW = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

	/** The clock of the applications under test, a bean of their context. */
	static final java.time.Clock CLOCK = java.time.Clock.fixed(NOW, java.time.ZoneOffset.UTC);

	static final String CLERK_ISSUER = "https://clerk.example.test";

	static final String CLERK_AZP = "https://app.example.test";

	static final String SUPABASE_JWT_SECRET = "reliability-jwt-secret-of-at-least-32-chars";

	static final String SUPABASE_USER = "123e4567-e89b-12d3-a456-426614174000";

	static final RSAKey CLERK_KEY = HostileTokens.rsaKey("ins_reliability");

	static final ECKey SUPABASE_EC_KEY = HostileTokens.ecKey("sb-ec-1");

	static final RSAKey SUPABASE_RSA_KEY = HostileTokens.rsaKey("sb-rsa-1");

	private TestIssuers() {
	}

	static String clerkPem() {
		try {
			return "-----BEGIN PUBLIC KEY-----\n"
					+ Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(CLERK_KEY.toRSAPublicKey().getEncoded())
					+ "\n-----END PUBLIC KEY-----";
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String clerkJwks() {
		return new JWKSet(CLERK_KEY.toPublicJWK()).toString();
	}

	static String supabaseJwks() {
		return new JWKSet(List.of(SUPABASE_EC_KEY.toPublicJWK(), SUPABASE_RSA_KEY.toPublicJWK())).toString();
	}

	static HostileTokens.Issuer clerk(String attackerUrl, boolean keySet) {
		return new Base(attackerUrl) {

			@Override
			public boolean keyIdChecked() {
				return keySet;
			}

			@Override
			public String algorithm() {
				return "RS256";
			}

			@Override
			public String kid() {
				return CLERK_KEY.getKeyID();
			}

			@Override
			public String sign(String header, String payload) {
				return HostileTokens.signed(header, payload, HostileTokens.rsaSigner(CLERK_KEY), JWSAlgorithm.RS256);
			}

			@Override
			Map<String, String> validClaims() {
				long now = NOW.getEpochSecond();
				Map<String, String> claims = new LinkedHashMap<>();
				claims.put("iss", quote(CLERK_ISSUER));
				claims.put("sub", quote("user_2abc"));
				claims.put("sid", quote("sess_1"));
				claims.put("azp", quote(CLERK_AZP));
				claims.put("v", "2");
				claims.put("o", "{\"id\":\"org_1\",\"slg\":\"acme\",\"rol\":\"admin\",\"per\":\"read\",\"fpm\":\"1\"}");
				claims.put("fea", quote("o:invoices"));
				claims.put("iat", Long.toString(now - 5));
				claims.put("nbf", Long.toString(now - 5));
				claims.put("exp", Long.toString(now + 600));
				return claims;
			}

			@Override
			public List<byte[]> publicKeyForms() {
				try {
					RSAPublicKey key = CLERK_KEY.toRSAPublicKey();
					return HostileTokens.publicKeyForms(key, CLERK_KEY.toPublicJWK().toJSONString(),
							(k) -> ((RSAPublicKey) k).getModulus().toByteArray());
				}
				catch (JOSEException ex) {
					throw new IllegalStateException(ex);
				}
			}

			@Override
			public List<String> providerClaims() {
				return List.of("aud", "sid", "v", "o", "fea", "pla", "sts", "org_id", "org_role", "org_slug",
						"org_permissions", "email", "act", "role", "metadata");
			}

			@Override
			public List<String> requiredClaims() {
				return List.of("sub", "exp", "iss", "azp");
			}

			@Override
			public Map<String, String> extra() {
				Map<String, String> extra = new LinkedHashMap<>();
				String header = HostileTokens.header("RS256", kid());
				extra.put("machine subject", sign(header, claims(Map.of("sub", quote("mch_123")))));
				extra.put("pending session", sign(header, claims(Map.of("sts", quote("pending")))));
				extra.put("foreign azp", sign(header, claims(Map.of("azp", quote("https://evil.example.test")))));
				extra.put("foreign issuer", sign(header, claims(Map.of("iss", quote("https://clerk.evil.test")))));
				extra.put("category", sign("{\"alg\":\"RS256\",\"kid\":\"" + kid() + "\",\"cat\":\"cl_other\"}",
						claims(Map.of())));
				extra.put("oauth type", sign("{\"alg\":\"RS256\",\"kid\":\"" + kid() + "\",\"typ\":\"application/at+jwt\"}",
						claims(Map.of())));
				return extra;
			}

		};
	}

	/**
	 * The Clerk instance issuing M2M tokens in JWT form (header {@code cat} of the M2M category,
	 * {@code sub} a machine): the same key as {@link #clerk}, the claims of a machine token.
	 */
	static HostileTokens.Issuer clerkMachine(String attackerUrl) {
		HostileTokens.Issuer clerk = clerk(attackerUrl, false);
		return new Base(attackerUrl) {

			@Override
			public boolean keyIdChecked() {
				return false;
			}

			@Override
			public String algorithm() {
				return clerk.algorithm();
			}

			@Override
			public String kid() {
				return clerk.kid();
			}

			@Override
			public String sign(String header, String payload) {
				return clerk.sign(header, payload);
			}

			@Override
			public String valid() {
				return sign(machineHeader("\"cat\":\"cl_B7d4PD333AAA\""), claims(Map.of()));
			}

			@Override
			Map<String, String> validClaims() {
				long now = System.currentTimeMillis() / 1000;
				Map<String, String> claims = new LinkedHashMap<>();
				claims.put("iss", quote(CLERK_ISSUER));
				claims.put("sub", quote("mch_2xhFjEI5X2qWRvtV13BzSj8H6Dk"));
				claims.put("jti", quote("mt_2xhFjEI5X2qWRvtV13BzSj8H6Dk"));
				claims.put("scopes", quote("mch_2yReports reports:read"));
				claims.put("iat", Long.toString(now - 5));
				claims.put("nbf", Long.toString(now - 5));
				claims.put("exp", Long.toString(now + 600));
				return claims;
			}

			@Override
			public List<byte[]> publicKeyForms() {
				return clerk.publicKeyForms();
			}

			@Override
			public List<String> providerClaims() {
				return List.of("sub", "jti", "scopes", "aud", "scp", "client_id");
			}

			@Override
			public List<String> requiredClaims() {
				return List.of("sub", "exp");
			}

			@Override
			public Map<String, String> extra() {
				long now = System.currentTimeMillis() / 1000;
				Map<String, String> extra = new LinkedHashMap<>();
				extra.put("session category", sign(machineHeader("\"cat\":\"cl_B7d4PD111AAA\""), claims(Map.of())));
				extra.put("unknown category", sign(machineHeader("\"cat\":\"cl_other\""), claims(Map.of())));
				extra.put("category not a string", sign(machineHeader("\"cat\":1"), claims(Map.of())));
				extra.put("oauth type with a machine subject",
						sign("{\"alg\":\"RS256\",\"kid\":\"" + kid() + "\",\"typ\":\"at+jwt\"}", claims(Map.of())));
				extra.put("expired", sign(machineHeader("\"cat\":\"cl_B7d4PD333AAA\""),
						claims(Map.of("exp", Long.toString(now - 120), "iat", Long.toString(now - 900)))));
				extra.put("not yet valid", sign(machineHeader("\"cat\":\"cl_B7d4PD333AAA\""),
						claims(Map.of("nbf", Long.toString(now + 600)))));
				extra.put("user subject in M2M category", sign(machineHeader("\"cat\":\"cl_B7d4PD333AAA\""),
						claims(Map.of("sub", quote("user_2abc")))));
				return extra;
			}

			private String machineHeader(String more) {
				return "{\"alg\":\"RS256\",\"kid\":\"" + kid() + "\",\"typ\":\"JWT\"," + more + "}";
			}

		};
	}

	static HostileTokens.Issuer supabase(String projectUrl, String attackerUrl) {
		return new Base(attackerUrl) {

			@Override
			public boolean keyIdChecked() {
				return true;
			}

			@Override
			public String algorithm() {
				return "ES256";
			}

			@Override
			public String kid() {
				return SUPABASE_EC_KEY.getKeyID();
			}

			@Override
			public String sign(String header, String payload) {
				return HostileTokens.signed(header, payload, HostileTokens.ecSigner(SUPABASE_EC_KEY), JWSAlgorithm.ES256);
			}

			@Override
			Map<String, String> validClaims() {
				long now = NOW.getEpochSecond();
				Map<String, String> claims = new LinkedHashMap<>();
				claims.put("iss", quote(projectUrl + "/auth/v1"));
				claims.put("sub", quote(SUPABASE_USER));
				claims.put("aud", quote("authenticated"));
				claims.put("exp", Long.toString(now + 600));
				claims.put("iat", Long.toString(now - 5));
				claims.put("email", quote("ada@example.com"));
				claims.put("phone", quote(""));
				claims.put("role", quote("authenticated"));
				claims.put("aal", quote("aal1"));
				claims.put("session_id", quote("0f6a3c1e-5b2d-4e8f-9a7c-1d2e3f4a5b6c"));
				claims.put("is_anonymous", "false");
				claims.put("app_metadata", "{\"provider\":\"email\",\"providers\":[\"email\"]}");
				claims.put("user_metadata", "{\"name\":\"Ada\"}");
				claims.put("amr", "[{\"method\":\"password\",\"timestamp\":1700000000}]");
				return claims;
			}

			@Override
			public List<byte[]> publicKeyForms() {
				try {
					List<byte[]> forms = new java.util.ArrayList<>(HostileTokens.publicKeyForms(SUPABASE_EC_KEY.toECPublicKey(),
							SUPABASE_EC_KEY.toPublicJWK().toJSONString(), (k) -> SUPABASE_EC_KEY.getX().decode()));
					forms.addAll(HostileTokens.publicKeyForms(SUPABASE_RSA_KEY.toRSAPublicKey(),
							SUPABASE_RSA_KEY.toPublicJWK().toJSONString(),
							(k) -> ((RSAPublicKey) k).getModulus().toByteArray()));
					forms.add(supabaseJwks().getBytes(StandardCharsets.UTF_8));
					return forms;
				}
				catch (JOSEException ex) {
					throw new IllegalStateException(ex);
				}
			}

			@Override
			public List<String> providerClaims() {
				return List.of("email", "phone", "role", "aal", "session_id", "is_anonymous", "app_metadata",
						"user_metadata", "amr");
			}

			@Override
			public List<String> requiredClaims() {
				return List.of("sub", "exp", "iss", "aud");
			}

			@Override
			public Map<String, String> extra() {
				Map<String, String> extra = new LinkedHashMap<>();
				String claims = claims(Map.of());
				JWSSigner rsa = HostileTokens.rsaSigner(SUPABASE_RSA_KEY);
				JWSSigner ec = HostileTokens.ecSigner(SUPABASE_EC_KEY);
				// the project's own keys, under the other key's id
				extra.put("ES256 on the RSA kid", HostileTokens.signed(HostileTokens.header("ES256", SUPABASE_RSA_KEY.getKeyID()),
						claims, ec, JWSAlgorithm.ES256));
				extra.put("RS256 on the EC kid", HostileTokens.signed(HostileTokens.header("RS256", SUPABASE_EC_KEY.getKeyID()),
						claims, rsa, JWSAlgorithm.RS256));
				// the legacy secret with the wrong claims, and other secrets
				JWSSigner secret = HostileTokens.macSigner(SUPABASE_JWT_SECRET.getBytes(StandardCharsets.UTF_8));
				extra.put("HS256 expired", HostileTokens.signed(HostileTokens.header("HS256", null),
						claims(Map.of("exp", "1")), secret, JWSAlgorithm.HS256));
				extra.put("HS256 anon key", HostileTokens.signed(HostileTokens.header("HS256", null),
						"{\"iss\":\"supabase\",\"ref\":\"abc\",\"role\":\"anon\",\"iat\":1700000000,\"exp\":4000000000}", secret,
						JWSAlgorithm.HS256));
				extra.put("HS256 service_role key", HostileTokens.signed(HostileTokens.header("HS256", null),
						"{\"iss\":\"supabase\",\"ref\":\"abc\",\"role\":\"service_role\",\"iat\":1700000000,\"exp\":4000000000}",
						secret, JWSAlgorithm.HS256));
				extra.put("HS256 secret with a trailing newline", HostileTokens.signed(HostileTokens.header("HS256", null),
						claims, HostileTokens.macSigner((SUPABASE_JWT_SECRET + "\n").getBytes(StandardCharsets.UTF_8)),
						JWSAlgorithm.HS256));
				extra.put("HS256 secret base64-decoded", HostileTokens.signed(HostileTokens.header("HS256", null), claims,
						HostileTokens.macSigner(Base64.getEncoder().encode(SUPABASE_JWT_SECRET.getBytes(StandardCharsets.UTF_8))),
						JWSAlgorithm.HS256));
				extra.put("HS256 with the secret under the EC kid", HostileTokens.signed(
						HostileTokens.header("HS256", SUPABASE_EC_KEY.getKeyID()), claims(Map.of("aud", "\"anon\"")),
						secret, JWSAlgorithm.HS256));
				extra.put("role service_role anon aud", sign(HostileTokens.header("ES256", kid()),
						claims(Map.of("aud", quote("anon"), "role", quote("service_role")))));
				extra.put("sub not a UUID", sign(HostileTokens.header("ES256", kid()), claims(Map.of("sub", quote("admin")))));
				extra.put("sub UUID without dashes", sign(HostileTokens.header("ES256", kid()),
						claims(Map.of("sub", quote(SUPABASE_USER.replace("-", ""))))));
				return extra;
			}

		};
	}

	static String quote(String value) {
		return "\"" + value + "\"";
	}

	private abstract static class Base implements HostileTokens.Issuer {

		private final String attackerUrl;

		Base(String attackerUrl) {
			this.attackerUrl = attackerUrl;
		}

		abstract Map<String, String> validClaims();

		@Override
		public String claims(Map<String, String> overrides) {
			Map<String, String> claims = validClaims();
			claims.putAll(overrides);
			return HostileTokens.json(claims);
		}

		@Override
		public String claimsWithout(String claim) {
			Map<String, String> claims = validClaims();
			claims.remove(claim);
			return HostileTokens.json(claims);
		}

		@Override
		public String attackerUrl() {
			return this.attackerUrl;
		}

	}

}
