package io.saasstack.media.cloudinary;

/**
 * Hash of Cloudinary's delivery URL and API signatures, as set for the product environment
 * (Settings, Security, "Signature algorithm").
 *
 * @since 0.1.0
 */
public enum SignatureAlgorithm {

	/** SHA-1, Cloudinary's default. */
	SHA1("SHA-1"),

	/** SHA-256. */
	SHA256("SHA-256");

	private final String digestName;

	SignatureAlgorithm(String digestName) {
		this.digestName = digestName;
	}

	/** Name of the {@link java.security.MessageDigest} algorithm. */
	public String digestName() {
		return this.digestName;
	}

}
