package io.saasstack.webhooks;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * Primitives shared by the verifiers: HMAC, plain digests, header lookup, integer parsing.
 */
final class WebhookSignatures {

	private WebhookSignatures() {
	}

	static byte[] hmacSha256(byte[] key, byte[]... parts) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			for (byte[] part : parts) {
				mac.update(part);
			}
			return mac.doFinal();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	static byte[] digest(String algorithm, byte[]... parts) {
		try {
			MessageDigest digest = MessageDigest.getInstance(algorithm);
			for (byte[] part : parts) {
				digest.update(part);
			}
			return digest.digest();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(algorithm + " is not available", ex);
		}
	}

	/** The first non-blank value of the first header present, trimmed; names are case-insensitive. */
	static @Nullable String header(HttpHeaders headers, String... names) {
		for (String name : names) {
			String value = headers.getFirst(name);
			if (value != null && !value.isBlank()) {
				return value.trim();
			}
		}
		return null;
	}

	/** A non-negative decimal integer of ASCII digits only, or null. */
	static @Nullable Long parseDigits(String value) {
		if (value.isEmpty() || value.length() > 18) {
			return null;
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c < '0' || c > '9') {
				return null;
			}
		}
		return Long.parseLong(value);
	}

}
