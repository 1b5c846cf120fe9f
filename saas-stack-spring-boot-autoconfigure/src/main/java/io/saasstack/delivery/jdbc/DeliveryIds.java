package io.saasstack.delivery.jdbc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Ids that fit a key column: kept as they are up to its length, else their SHA-256. */
final class DeliveryIds {

	private DeliveryIds() {
	}

	static String fit(String id, int maxLength) {
		if (id.length() <= maxLength) {
			return id;
		}
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
			return "sha256:" + HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
