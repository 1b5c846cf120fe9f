package io.saasstack.media.cloudinary;

import io.saasstack.core.Secrets;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Account settings of Cloudinary delivery URLs and signatures.
 *
 * @param cloudName cloud name of the product environment
 * @param apiKey API key, needed for uploads and deletes
 * @param apiSecret API secret, needed for signed URLs, uploads and deletes
 * @param secure whether URLs use https (Cloudinary's SDKs default to true)
 * @param secureDistribution host of https URLs when it is not {@code res.cloudinary.com}
 * @param privateCdn whether the account has a private CDN ({@code <cloud>-res.cloudinary.com})
 * @param cname custom delivery host of http URLs
 * @param algorithm hash of URL and upload signatures
 * @param longUrlSignature whether signed URLs carry the 32 character SHA-256 signature
 * @since 0.1.0
 */
public record CloudinaryUrlSettings(String cloudName, @Nullable String apiKey, @Nullable String apiSecret,
		boolean secure, @Nullable String secureDistribution, boolean privateCdn, @Nullable String cname,
		SignatureAlgorithm algorithm, boolean longUrlSignature) {

	public CloudinaryUrlSettings {
		Assert.hasText(cloudName, "cloudName must not be empty");
		Assert.notNull(algorithm, "algorithm must not be null");
	}

	/** Defaults for a cloud: https, shared CDN, SHA-1, short URL signatures. */
	public static CloudinaryUrlSettings of(String cloudName, @Nullable String apiKey, @Nullable String apiSecret) {
		return new CloudinaryUrlSettings(cloudName, apiKey, apiSecret, true, null, false, null, SignatureAlgorithm.SHA1,
				false);
	}

	@Override
	public String toString() {
		return "CloudinaryUrlSettings[cloudName=" + this.cloudName + ", apiKey=" + this.apiKey + ", apiSecret="
				+ Secrets.redact(this.apiSecret) + ", secure=" + this.secure + ", secureDistribution="
				+ this.secureDistribution + ", privateCdn=" + this.privateCdn + ", cname=" + this.cname
				+ ", algorithm=" + this.algorithm + ", longUrlSignature=" + this.longUrlSignature + "]";
	}

}
