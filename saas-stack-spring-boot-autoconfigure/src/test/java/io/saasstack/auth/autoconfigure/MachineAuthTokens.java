package io.saasstack.auth.autoconfigure;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Clerk machine JWTs signed with {@link AuthTokens#KEY}, and the opaque tokens the WireMock stubs
 * of these tests know.
 */
final class MachineAuthTokens {

	static final String MACHINE = "mch_2xhFjEI5X2qWRvtV13BzSj8H6Dk";

	static final String API_KEY = "ak_valid_0123456789abcdef";

	static final String API_KEY_WITHOUT_SCOPE = "ak_noscope_0123456789abcdef";

	static final String M2M = "mt_valid_0123456789abcdef";

	static final String OAUTH = "oat_valid_0123456789abcdef";

	static final String UNKNOWN_API_KEY = "ak_unknown_0123456789abcdef";

	static final String REVOKED_API_KEY = "ak_revoked_0123456789abcdef";

	static final String EXPIRED_API_KEY = "ak_expired_0123456789abcdef";

	static final String UNKNOWN_M2M = "mt_unknown_0123456789abcdef";

	static final String UNKNOWN_OAUTH = "oat_unknown_0123456789abcdef";

	private MachineAuthTokens() {
	}

	static String m2mJwt(String cat, long expiresInSeconds) {
		Instant now = Instant.now();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(MACHINE)
			.jwtID("mt_jwt_1")
			.claim("scopes", "reports:read")
			.issueTime(Date.from(now.minusSeconds(5)))
			.expirationTime(Date.from(now.plusSeconds(expiresInSeconds)))
			.build();
		JWSHeader.Builder header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(AuthTokens.KEY.getKeyID())
			.type(JOSEObjectType.JWT);
		if (cat != null) {
			header.customParam("cat", cat);
		}
		return sign(header.build(), claims);
	}

	static String m2mJwt() {
		return m2mJwt("cl_B7d4PD333AAA", 3600);
	}

	static String oauthJwt(long expiresInSeconds) {
		Instant now = Instant.now();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("user_2abc")
			.jwtID("oat_jwt_1")
			.claim("client_id", "client_1")
			.claim("scp", List.of("reports:read"))
			.issueTime(Date.from(now.minusSeconds(5)))
			.expirationTime(Date.from(now.plusSeconds(expiresInSeconds)))
			.build();
		return sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(AuthTokens.KEY.getKeyID())
			.type(new JOSEObjectType("at+jwt"))
			.build(), claims);
	}

	static String oauthJwt() {
		return oauthJwt(3600);
	}

	private static String sign(JWSHeader header, JWTClaimsSet claims) {
		try {
			SignedJWT jwt = new SignedJWT(header, claims);
			jwt.sign(new RSASSASigner(AuthTokens.KEY));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The verify answers of the opaque tokens above; unknown tokens get Clerk's 404. */
	static void stub(com.github.tomakehurst.wiremock.junit5.WireMockExtension wireMock) {
		String future = String.valueOf(Instant.now().plusSeconds(3600).toEpochMilli());
		apiKey(wireMock, API_KEY, "[\"reports:read\"]", false, false, future);
		apiKey(wireMock, API_KEY_WITHOUT_SCOPE, "[\"other\"]", false, false, "null");
		apiKey(wireMock, REVOKED_API_KEY, "[\"reports:read\"]", true, false, "null");
		apiKey(wireMock, EXPIRED_API_KEY, "[\"reports:read\"]", false, true, "null");
		wireMock.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post("/m2m_tokens/verify")
			.atPriority(5)
			.withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.equalToJson("{\"token\":\"" + M2M + "\"}"))
			.willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson("""
					{"object":"machine_to_machine_token","id":"mt_1","subject":"%s","claims":null,
					 "scopes":["reports:read"],"revoked":false,"revocation_reason":null,"expired":false,
					 "expiration":%s,"last_used_at":null,"created_at":1,"updated_at":1}""".formatted(MACHINE, future))));
		wireMock.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post("/oauth_applications/access_tokens/verify")
			.atPriority(5)
			.withRequestBody(
					com.github.tomakehurst.wiremock.client.WireMock.equalToJson("{\"access_token\":\"" + OAUTH + "\"}"))
			.willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson("""
					{"object":"clerk_idp_oauth_access_token","id":"oat_1","client_id":"client_1",
					 "subject":"user_2abc","scopes":["reports:read"],"revoked":false,"revocation_reason":null,
					 "expired":false,"expiration":null,"created_at":1,"updated_at":1}""")));
		for (String path : new String[] { "/api_keys/verify", "/m2m_tokens/verify",
				"/oauth_applications/access_tokens/verify" }) {
			wireMock.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(path)
				.atPriority(10)
				.willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
					.withStatus(404)
					.withHeader("Content-Type", "application/json")
					.withBody("{\"errors\":[{\"code\":\"resource_not_found\",\"message\":\"not found\","
							+ "\"long_message\":\"not found\"}]}")));
		}
	}

	private static void apiKey(com.github.tomakehurst.wiremock.junit5.WireMockExtension wireMock, String secret,
			String scopes, boolean revoked, boolean expired, String expiration) {
		wireMock.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post("/api_keys/verify")
			.atPriority(5)
			.withRequestBody(
					com.github.tomakehurst.wiremock.client.WireMock.equalToJson("{\"secret\":\"" + secret + "\"}"))
			.willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson("""
					{"object":"api_key","id":"ak_id_1","type":"api_key","subject":"user_2abc","name":"reports",
					 "description":null,"claims":null,"scopes":%s,"revoked":%s,"revocation_reason":null,
					 "expired":%s,"expiration":%s,"created_by":null,"last_used_at":null,"created_at":1,
					 "updated_at":1}""".formatted(scopes, revoked, expired, expiration))));
	}

}
