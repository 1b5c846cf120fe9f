package io.saasstack.media.imagekit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.util.Assert;

/**
 * The {@code token} of ImageKit's V2 upload API ({@code POST /api/v2/files/upload}, "Secure
 * client side file upload"): a JWT that binds every upload parameter, so that whoever holds it
 * can upload one file with exactly these parameters, once, before it expires.
 * <ul>
 * <li>header {@code {"alg":"HS256","typ":"JWT","kid":<public key>}};</li>
 * <li>payload: each upload parameter but {@code file} and {@code token}, its value a string,
 * plus {@code iat} and {@code exp} (epoch seconds, less than an hour apart);</li>
 * <li>signature: HMAC-SHA256 of {@code base64url(header) + "." + base64url(payload)} keyed with
 * the private key.</li>
 * </ul>
 * ImageKit refuses an upload whose parameters differ from the payload, and a token used before.
 */
final class ImageKitUploadToken {

	private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

	private ImageKitUploadToken() {
	}

	/**
	 * @param publicKey the public key, the {@code kid}
	 * @param privateKey the private key, the HMAC key
	 * @param parameters the upload parameters the browser will send, in order
	 * @param issuedAt {@code iat}, epoch seconds
	 * @param expiresAt {@code exp}, epoch seconds
	 * @return the compact JWT
	 */
	static String sign(String publicKey, String privateKey, Map<String, String> parameters, long issuedAt,
			long expiresAt) {
		Assert.hasText(publicKey, "publicKey must not be empty");
		Assert.hasText(privateKey, "privateKey must not be empty");
		String header = "{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":" + json(publicKey) + "}";
		StringBuilder payload = new StringBuilder("{");
		parameters.forEach((name, value) -> payload.append(json(name)).append(':').append(json(value)).append(','));
		payload.append("\"iat\":").append(issuedAt).append(",\"exp\":").append(expiresAt).append('}');
		String signingInput = encode(header) + "." + encode(payload.toString());
		return signingInput + "." + BASE64URL.encodeToString(hmacSha256(privateKey, signingInput));
	}

	private static String encode(String json) {
		return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

	private static byte[] hmacSha256(String key, String data) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return mac.doFinal(data.getBytes(StandardCharsets.US_ASCII));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	/** A JSON string literal (RFC 8259 §7). */
	static String json(String value) {
		StringBuilder json = new StringBuilder(value.length() + 2).append('"');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '"' -> json.append("\\\"");
				case '\\' -> json.append("\\\\");
				case '\n' -> json.append("\\n");
				case '\r' -> json.append("\\r");
				case '\t' -> json.append("\\t");
				default -> {
					if (c < 0x20) {
						json.append(String.format("\\u%04x", (int) c));
					}
					else {
						json.append(c);
					}
				}
			}
		}
		return json.append('"').toString();
	}

}
