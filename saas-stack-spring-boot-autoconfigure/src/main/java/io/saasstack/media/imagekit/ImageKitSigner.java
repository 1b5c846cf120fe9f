package io.saasstack.media.imagekit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.util.Assert;

/**
 * Lower-case hex HMAC-SHA1 keyed with the ImageKit private key, the algorithm of URL signatures
 * ({@code ik-s}) and of browser upload signatures (reference {@code media-imagekit.md} §3, §4).
 * One {@link Mac} per thread, initialised once.
 */
final class ImageKitSigner {

	private static final String ALGORITHM = "HmacSHA1";

	private static final char[] HEX = "0123456789abcdef".toCharArray();

	private final ThreadLocal<Mac> mac;

	ImageKitSigner(String privateKey) {
		Assert.hasText(privateKey, "privateKey must not be empty");
		SecretKeySpec key = new SecretKeySpec(privateKey.getBytes(StandardCharsets.UTF_8), ALGORITHM);
		this.mac = ThreadLocal.withInitial(() -> newMac(key));
	}

	private static Mac newMac(SecretKeySpec key) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(key);
			return mac;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA1 is not available", ex);
		}
	}

	/** The signature of the UTF-8 bytes of the data. */
	String sign(CharSequence data) {
		byte[] digest = this.mac.get().doFinal(data.toString().getBytes(StandardCharsets.UTF_8));
		char[] hex = new char[digest.length * 2];
		for (int i = 0; i < digest.length; i++) {
			hex[i * 2] = HEX[(digest[i] >> 4) & 0xF];
			hex[i * 2 + 1] = HEX[digest[i] & 0xF];
		}
		return new String(hex);
	}

	@Override
	public String toString() {
		return "ImageKitSigner[HmacSHA1]";
	}

}
