package io.saasstack.media.cloudinary;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Signatures of Cloudinary Upload and Admin API requests (reference {@code media-cloudinary.md}
 * §4, "Signature algorithm"), as {@code Cloudinary#apiSignRequest} of the official Java SDK:
 * parameters sorted by name, null and blank values dropped, collections and arrays joined with
 * {@code ,}, {@code &} inside values escaped as {@code %26} (signature version 2, the default),
 * rendered {@code k=v} joined with {@code &}, the API secret appended, hashed and written in
 * lower-case hex.
 * <p>
 * {@link #signature} signs exactly the map it is given; {@link #uploadSignature} first drops
 * what Cloudinary never signs ({@link #UNSIGNED_PARAMS}), which is what a request must carry.
 *
 * @since 0.1.0
 */
public final class CloudinarySignatures {

	/** Signature version 2: {@code &} in values escaped, the SDKs' default since Java 2.3.0 / Node 2.x. */
	public static final int DEFAULT_SIGNATURE_VERSION = 2;

	/** Parameters a request sends but Cloudinary does not sign. */
	public static final Set<String> UNSIGNED_PARAMS = Set.of("file", "cloud_name", "resource_type", "api_key",
			"signature");

	private static final ThreadLocal<MessageDigest> SHA1 = ThreadLocal.withInitial(() -> digest("SHA-1"));

	private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> digest("SHA-256"));

	private static final char[] BASE64_URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
		.toCharArray();

	private CloudinarySignatures() {
	}

	/** The signature of exactly these parameters, signature version 2. */
	public static String signature(Map<String, ?> params, String apiSecret, SignatureAlgorithm algorithm) {
		return signature(params, apiSecret, algorithm, DEFAULT_SIGNATURE_VERSION);
	}

	/**
	 * The signature of exactly these parameters.
	 * @param signatureVersion 2, or 1 (no {@code &} escaping; upload response signatures use it)
	 */
	public static String signature(Map<String, ?> params, String apiSecret, SignatureAlgorithm algorithm,
			int signatureVersion) {
		Assert.hasText(apiSecret, "apiSecret must not be empty");
		Assert.notNull(algorithm, "algorithm must not be null");
		MessageDigest digest = digest(algorithm);
		digest.update(stringToSign(params, signatureVersion).getBytes(StandardCharsets.UTF_8));
		return HexFormat.of().formatHex(digest.digest(apiSecret.getBytes(StandardCharsets.UTF_8)));
	}

	/** The signature of what Cloudinary signs of a request's parameters (all but {@link #UNSIGNED_PARAMS}). */
	public static String uploadSignature(Map<String, ?> params, String apiSecret, SignatureAlgorithm algorithm) {
		TreeMap<String, Object> signed = new TreeMap<>(params);
		signed.keySet().removeAll(UNSIGNED_PARAMS);
		return signature(signed, apiSecret, algorithm, DEFAULT_SIGNATURE_VERSION);
	}

	/**
	 * What is hashed, without the secret: {@code a=1&b=x,y} (the string Cloudinary quotes in
	 * "Invalid Signature" errors).
	 */
	public static String stringToSign(Map<String, ?> params, int signatureVersion) {
		Assert.isTrue(signatureVersion == 1 || signatureVersion == 2, "signatureVersion must be 1 or 2");
		StringBuilder out = new StringBuilder(128);
		for (Map.Entry<String, ?> param : new TreeMap<>(params).entrySet()) {
			String value = value(param.getValue());
			if (value == null || value.isBlank()) {
				continue;
			}
			if (!out.isEmpty()) {
				out.append('&');
			}
			out.append(param.getKey()).append('=');
			out.append((signatureVersion == 2) ? value.replace("&", "%26") : value);
		}
		return out.toString();
	}

	// an empty collection is dropped (the Java SDK would sign "key=", yet sends no part for it)
	private static @Nullable String value(@Nullable Object value) {
		if (value instanceof Collection<?> collection) {
			return join(collection.toArray());
		}
		if (value instanceof Object[] array) {
			return join(array);
		}
		return (value != null) ? value.toString() : null;
	}

	private static String join(Object[] values) {
		StringBuilder out = new StringBuilder();
		for (int i = 0; i < values.length; i++) {
			out.append((i > 0) ? "," : "").append(values[i]);
		}
		return out.toString();
	}

	/**
	 * Appends {@code base64url(hash(toSign + secret))} cut to {@code length} characters: the
	 * {@code XXXXXXXX} of a delivery URL's {@code s--XXXXXXXX--}. Only the bytes needed are encoded
	 * (6 for 8 characters, 24 for 32), which gives the same characters as encoding all of them.
	 */
	static void appendUrlSignature(StringBuilder out, String toSign, byte[] secret, SignatureAlgorithm algorithm,
			int length) {
		MessageDigest digest = digest(algorithm);
		digest.update(toSign.getBytes(StandardCharsets.UTF_8));
		byte[] hash = digest.digest(secret);
		for (int i = 0; i < length / 4 * 3; i += 3) {
			int bits = ((hash[i] & 0xFF) << 16) | ((hash[i + 1] & 0xFF) << 8) | (hash[i + 2] & 0xFF);
			out.append(BASE64_URL[(bits >>> 18) & 0x3F])
				.append(BASE64_URL[(bits >>> 12) & 0x3F])
				.append(BASE64_URL[(bits >>> 6) & 0x3F])
				.append(BASE64_URL[bits & 0x3F]);
		}
	}

	private static MessageDigest digest(SignatureAlgorithm algorithm) {
		MessageDigest digest = ((algorithm == SignatureAlgorithm.SHA256) ? SHA256 : SHA1).get();
		digest.reset();
		return digest;
	}

	private static MessageDigest digest(String name) {
		try {
			return MessageDigest.getInstance(name);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(name + " is not available", ex);
		}
	}

}
