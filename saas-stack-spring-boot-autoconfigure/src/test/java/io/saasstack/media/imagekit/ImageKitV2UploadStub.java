package io.saasstack.media.imagekit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * ImageKit's V2 upload ({@code POST /api/v2/files/upload}) as its documentation describes it
 * ("Secure client side file upload", imagekitio/docs-keep-a-changelog
 * {@code api-reference/upload-file-api/secure-client-side-file-upload.md}): the {@code token} is
 * an HS256 JWT whose {@code kid} is the public key, signed with the private key; its payload holds
 * every upload parameter but {@code file} and {@code token}, as strings, and the request must send
 * "the same set of parameters and their associated values", else "the upload request will fail";
 * a token used before is refused too. Failures are answered as the API documents errors: 400 with
 * a JSON {@code message} (the exact texts are not documented: these are the stub's). Success is
 * the documented upload response.
 */
final class ImageKitV2UploadStub implements ResponseDefinitionTransformerV2 {

	static final String NAME = "imagekit-v2-upload";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final String publicKey;

	private final String privateKey;

	private final Clock clock;

	private final String uploaded;

	private final Set<String> usedTokens = ConcurrentHashMap.newKeySet();

	ImageKitV2UploadStub(String publicKey, String privateKey, Clock clock, String uploaded) {
		this.publicKey = publicKey;
		this.privateKey = privateKey;
		this.clock = clock;
		this.uploaded = uploaded;
	}

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public boolean applyGlobally() {
		return false;
	}

	@Override
	public ResponseDefinition transform(ServeEvent serveEvent) {
		Map<String, String> parameters = new LinkedHashMap<>();
		String token = null;
		boolean file = false;
		for (Request.Part part : serveEvent.getRequest().getParts()) {
			switch (part.getName()) {
				case "file" -> file = true;
				case "token" -> token = part.getBody().asString();
				default -> parameters.put(part.getName(), part.getBody().asString());
			}
		}
		if (!file || token == null) {
			return error("Missing file or token parameter for upload");
		}
		Map<String, Object> claims;
		try {
			claims = verify(token, this.publicKey, this.privateKey);
		}
		catch (IllegalArgumentException ex) {
			return error("Invalid token: " + ex.getMessage());
		}
		if (((Long) claims.get("exp")) < this.clock.instant().getEpochSecond()) {
			return error("The token has expired");
		}
		if (!this.usedTokens.add(token)) {
			return error("The token has been used before: generate a new one for each upload");
		}
		Map<String, Object> signed = new LinkedHashMap<>(claims);
		signed.remove("iat");
		signed.remove("exp");
		if (!signed.equals(new LinkedHashMap<String, Object>(parameters))) {
			return error("The upload parameters do not match the ones in the token");
		}
		return ResponseDefinition.okForJson(JSON.readTree(this.uploaded));
	}

	private static ResponseDefinition error(String message) {
		return new ResponseDefinition(400, "{\"message\":\"" + message
				+ "\",\"help\":\"For support kindly contact us at support@imagekit.io .\"}");
	}

	/**
	 * The claims of a V2 upload token, string parameters as strings and {@code iat}, {@code exp}
	 * as longs.
	 * @throws IllegalArgumentException if the header or signature is not ImageKit's
	 */
	static Map<String, Object> verify(String token, String publicKey, String privateKey) {
		String[] parts = token.split("\\.", -1);
		if (parts.length != 3) {
			throw new IllegalArgumentException("not a JWT");
		}
		JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
		if (!"HS256".equals(header.path("alg").asString()) || !"JWT".equals(header.path("typ").asString())
				|| !publicKey.equals(header.path("kid").asString())) {
			throw new IllegalArgumentException("the header is not {alg: HS256, typ: JWT, kid: <public key>}");
		}
		byte[] expected = hmacSha256(privateKey, parts[0] + "." + parts[1]);
		if (!MessageDigest.isEqual(expected, Base64.getUrlDecoder().decode(parts[2]))) {
			throw new IllegalArgumentException("the signature does not match");
		}
		Map<String, Object> claims = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> claim : JSON.readTree(Base64.getUrlDecoder().decode(parts[1])).properties()) {
			JsonNode value = claim.getValue();
			claims.put(claim.getKey(), value.isNumber() ? (Object) value.asLong() : value.asString());
		}
		return claims;
	}

	private static byte[] hmacSha256(String key, String data) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return mac.doFinal(data.getBytes(StandardCharsets.US_ASCII));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
