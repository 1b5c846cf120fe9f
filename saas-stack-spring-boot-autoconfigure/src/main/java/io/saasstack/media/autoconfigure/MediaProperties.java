package io.saasstack.media.autoconfigure;

import java.net.URI;

import io.saasstack.core.InvalidSaasPropertyException;
import io.saasstack.core.SaasClientProperties;
import io.saasstack.core.SaasPropertyChecks;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties of media delivery and storage ({@code saas.media.*}).
 *
 * @since 0.1.0
 */
@ConfigurationProperties("saas.media")
public class MediaProperties implements InitializingBean {

	/**
	 * Whether to enable the media integration.
	 */
	private boolean enabled = true;

	/**
	 * Media provider injected where no provider is named; inferred when only one is configured.
	 */
	private @Nullable Provider provider;

	/**
	 * ImageKit settings.
	 */
	private final ImageKit imagekit = new ImageKit();

	/**
	 * Cloudinary settings.
	 */
	private final Cloudinary cloudinary = new Cloudinary();

	/**
	 * Local storage of uploads in memory.
	 */
	private final Capture capture = new Capture();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable Provider getProvider() {
		return this.provider;
	}

	public void setProvider(@Nullable Provider provider) {
		this.provider = provider;
	}

	public ImageKit getImagekit() {
		return this.imagekit;
	}

	public Cloudinary getCloudinary() {
		return this.cloudinary;
	}

	public Capture getCapture() {
		return this.capture;
	}

	@Override
	public void afterPropertiesSet() {
		this.imagekit.validate("saas.media.imagekit");
		this.cloudinary.validate("saas.media.cloudinary");
		SaasPropertyChecks.requireNotBlank("saas.media.imagekit.private-key", this.imagekit.getPrivateKey(),
				"your ImageKit private key");
		SaasPropertyChecks.requireNotBlank("saas.media.cloudinary.api-secret", this.cloudinary.getApiSecret(),
				"your Cloudinary API secret");
		SaasPropertyChecks.requireNotBlank("saas.media.cloudinary.api-key", this.cloudinary.getApiKey(),
				"your Cloudinary API key");
		SaasPropertyChecks.requireNotBlank("saas.media.imagekit.public-key", this.imagekit.getPublicKey(),
				"your ImageKit public key");
		if (this.cloudinary.getApiSecret() != null && this.cloudinary.getApiKey() == null) {
			throw new InvalidSaasPropertyException("saas.media.cloudinary.api-key",
					"it is not set while 'saas.media.cloudinary.api-secret' is",
					"Set 'saas.media.cloudinary.api-key' to the API key shown beside the secret in the Cloudinary console.");
		}
		SaasPropertyChecks.requirePositive("saas.media.capture.max-kept", this.capture.getMaxKept());
		if (this.capture.getMaxBytes().isNegative()) {
			throw new InvalidSaasPropertyException("saas.media.capture.max-bytes", "it is negative",
					"Set 'saas.media.capture.max-bytes' to a size such as 64MB, or remove it.");
		}
		requireHttpUrl("saas.media.imagekit.url-endpoint", this.imagekit.getUrlEndpoint(),
				"your URL endpoint, for example https://ik.imagekit.io/<your_imagekit_id>");
		requireHttpUrl("saas.media.imagekit.upload-base-url", this.imagekit.getUploadBaseUrl(),
				"ImageKit's upload API, https://upload.imagekit.io, or remove it");
		if (this.provider == Provider.IMAGEKIT && this.imagekit.getUrlEndpoint() == null) {
			throw new InvalidSaasPropertyException("saas.media.provider",
					"it selects ImageKit but 'saas.media.imagekit.url-endpoint' is not set",
					"Set 'saas.media.imagekit.url-endpoint', for example https://ik.imagekit.io/<your_imagekit_id>.");
		}
		if (this.provider == Provider.CLOUDINARY && this.cloudinary.getCloudName() == null) {
			throw new InvalidSaasPropertyException("saas.media.provider",
					"it selects Cloudinary but 'saas.media.cloudinary.cloud-name' is not set",
					"Set 'saas.media.cloudinary.cloud-name' to the cloud name shown in the Cloudinary console.");
		}
	}

	private static void requireHttpUrl(String property, @Nullable URI url, String what) {
		if (url != null && (url.getHost() == null || !("http".equals(url.getScheme()) || "https".equals(url.getScheme())))) {
			throw new InvalidSaasPropertyException(property, "it is not an absolute http(s) URL",
					"Set '" + property + "' to " + what + ".");
		}
	}

	/**
	 * Media providers.
	 */
	public enum Provider {

		/**
		 * ImageKit.
		 */
		IMAGEKIT,

		/**
		 * Cloudinary.
		 */
		CLOUDINARY

	}

	/**
	 * Local storage of uploads in memory.
	 */
	public static class Capture {

		/**
		 * Whether to keep uploads in memory instead of storing them even when storage credentials are set, for tests.
		 */
		private boolean enabled;

		/**
		 * Newest uploads kept in memory.
		 */
		private int maxKept = 100;

		/**
		 * Most content kept in memory over all kept uploads; the oldest uploads are dropped beyond it.
		 */
		private DataSize maxBytes = DataSize.ofMegabytes(64);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getMaxKept() {
			return this.maxKept;
		}

		public void setMaxKept(int maxKept) {
			this.maxKept = maxKept;
		}

		public DataSize getMaxBytes() {
			return this.maxBytes;
		}

		public void setMaxBytes(DataSize maxBytes) {
			this.maxBytes = maxBytes;
		}

	}

	/**
	 * ImageKit settings.
	 */
	public static class ImageKit extends SaasClientProperties {

		/**
		 * URL endpoint delivery URLs start with, for example https://ik.imagekit.io/your_imagekit_id.
		 */
		private @Nullable URI urlEndpoint;

		/**
		 * ImageKit public key, used by browser uploads.
		 */
		private @Nullable String publicKey;

		/**
		 * ImageKit private key, for the API and URL signing.
		 */
		private @Nullable String privateKey;

		/**
		 * Base URL of ImageKit's upload API.
		 */
		private URI uploadBaseUrl = URI.create("https://upload.imagekit.io");

		/**
		 * Where transformations go in delivery URLs: a "tr" query parameter (ImageKit's SDK default) or a "tr:" path segment.
		 */
		private TransformationPosition transformationPosition = TransformationPosition.QUERY;

		/**
		 * Secret of the ImageKit webhook endpoint; enables the endpoint.
		 */
		private @Nullable String webhookSecret;

		public ImageKit() {
			super(URI.create("https://api.imagekit.io"));
		}

		public @Nullable String getWebhookSecret() {
			return this.webhookSecret;
		}

		public void setWebhookSecret(@Nullable String webhookSecret) {
			this.webhookSecret = webhookSecret;
		}

		public URI getUploadBaseUrl() {
			return this.uploadBaseUrl;
		}

		public void setUploadBaseUrl(URI uploadBaseUrl) {
			this.uploadBaseUrl = uploadBaseUrl;
		}

		public TransformationPosition getTransformationPosition() {
			return this.transformationPosition;
		}

		public void setTransformationPosition(TransformationPosition transformationPosition) {
			this.transformationPosition = transformationPosition;
		}

		/**
		 * Where ImageKit transformations go in a URL.
		 */
		public enum TransformationPosition {

			/** {@code ?tr=w-300}. */
			QUERY,

			/** {@code /tr:w-300/}. */
			PATH

		}

		public @Nullable URI getUrlEndpoint() {
			return this.urlEndpoint;
		}

		public void setUrlEndpoint(@Nullable URI urlEndpoint) {
			this.urlEndpoint = urlEndpoint;
		}

		public @Nullable String getPublicKey() {
			return this.publicKey;
		}

		public void setPublicKey(@Nullable String publicKey) {
			this.publicKey = publicKey;
		}

		public @Nullable String getPrivateKey() {
			return this.privateKey;
		}

		public void setPrivateKey(@Nullable String privateKey) {
			this.privateKey = privateKey;
		}

	}

	/**
	 * Cloudinary settings.
	 */
	public static class Cloudinary extends SaasClientProperties {

		/**
		 * Cloud name of the Cloudinary product environment.
		 */
		private @Nullable String cloudName;

		/**
		 * Cloudinary API key.
		 */
		private @Nullable String apiKey;

		/**
		 * Cloudinary API secret, for the API and URL and upload signatures.
		 */
		private @Nullable String apiSecret;

		/**
		 * Whether delivery URLs use https.
		 */
		private boolean secure = true;

		/**
		 * Host of delivery URLs when it is not res.cloudinary.com, for example a CDN distribution.
		 */
		private @Nullable String secureDistribution;

		/**
		 * Whether the account has a private CDN ("cloud-res.cloudinary.com" delivery host).
		 */
		private boolean privateCdn;

		/**
		 * Custom delivery domain (CNAME) for http URLs.
		 */
		private @Nullable String cname;

		/**
		 * Hash of URL and upload signatures, as set for the product environment.
		 */
		private SignatureAlgorithm signatureAlgorithm = SignatureAlgorithm.SHA1;

		/**
		 * Whether signed delivery URLs carry the long (32 character) signature.
		 */
		private boolean longUrlSignature;

		public Cloudinary() {
			super(URI.create("https://api.cloudinary.com"));
		}

		public boolean isSecure() {
			return this.secure;
		}

		public void setSecure(boolean secure) {
			this.secure = secure;
		}

		public @Nullable String getSecureDistribution() {
			return this.secureDistribution;
		}

		public void setSecureDistribution(@Nullable String secureDistribution) {
			this.secureDistribution = secureDistribution;
		}

		public boolean isPrivateCdn() {
			return this.privateCdn;
		}

		public void setPrivateCdn(boolean privateCdn) {
			this.privateCdn = privateCdn;
		}

		public @Nullable String getCname() {
			return this.cname;
		}

		public void setCname(@Nullable String cname) {
			this.cname = cname;
		}

		public SignatureAlgorithm getSignatureAlgorithm() {
			return this.signatureAlgorithm;
		}

		public void setSignatureAlgorithm(SignatureAlgorithm signatureAlgorithm) {
			this.signatureAlgorithm = signatureAlgorithm;
		}

		public boolean isLongUrlSignature() {
			return this.longUrlSignature;
		}

		public void setLongUrlSignature(boolean longUrlSignature) {
			this.longUrlSignature = longUrlSignature;
		}

		/**
		 * Hash of Cloudinary signatures.
		 */
		public enum SignatureAlgorithm {

			/** SHA-1, the default. */
			SHA1,

			/** SHA-256. */
			SHA256

		}

		public @Nullable String getCloudName() {
			return this.cloudName;
		}

		public void setCloudName(@Nullable String cloudName) {
			this.cloudName = cloudName;
		}

		public @Nullable String getApiKey() {
			return this.apiKey;
		}

		public void setApiKey(@Nullable String apiKey) {
			this.apiKey = apiKey;
		}

		public @Nullable String getApiSecret() {
			return this.apiSecret;
		}

		public void setApiSecret(@Nullable String apiSecret) {
			this.apiSecret = apiSecret;
		}

	}

}
