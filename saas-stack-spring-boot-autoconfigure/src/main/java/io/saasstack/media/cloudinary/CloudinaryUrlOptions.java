package io.saasstack.media.cloudinary;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.saasstack.media.Transformation;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Options of one Cloudinary delivery URL, in the terms of the official SDK's {@code Url}
 * builder: what {@link CloudinaryUrls#url(String, CloudinaryUrlOptions)} takes for what the
 * provider-neutral API does not model (video and raw assets, private and authenticated types,
 * named transformations, URL suffixes, per-URL CDN settings). Immutable; unset account settings
 * come from {@link CloudinaryUrlSettings}.
 *
 * @since 0.1.0
 */
public final class CloudinaryUrlOptions {

	/** No option: an image uploaded with the {@code upload} type, unsigned. */
	public static final CloudinaryUrlOptions DEFAULT = builder().build();

	final String resourceType;

	final @Nullable String type;

	final @Nullable String version;

	final @Nullable String format;

	final String transformation;

	final boolean signed;

	final @Nullable Boolean longUrlSignature;

	final boolean forceVersion;

	final boolean shorten;

	final boolean useRootPath;

	final @Nullable String urlSuffix;

	final @Nullable String cloudName;

	final @Nullable Boolean secure;

	final @Nullable Boolean privateCdn;

	final @Nullable String secureDistribution;

	final @Nullable String cname;

	final boolean cdnSubdomain;

	final @Nullable CloudinaryAuthToken authToken;

	final @Nullable String analyticsToken;

	private CloudinaryUrlOptions(Builder builder, @Nullable String format, String transformation) {
		this.resourceType = builder.resourceType;
		this.type = builder.type;
		this.version = builder.version;
		this.format = format;
		this.transformation = transformation;
		this.signed = builder.signed;
		this.longUrlSignature = builder.longUrlSignature;
		this.forceVersion = builder.forceVersion;
		this.shorten = builder.shorten;
		this.useRootPath = builder.useRootPath;
		this.urlSuffix = builder.urlSuffix;
		this.cloudName = builder.cloudName;
		this.secure = builder.secure;
		this.privateCdn = builder.privateCdn;
		this.secureDistribution = builder.secureDistribution;
		this.cname = builder.cname;
		this.cdnSubdomain = builder.cdnSubdomain;
		this.authToken = builder.authToken;
		this.analyticsToken = builder.analyticsToken;
	}

	/** Starts options; every option is unset. */
	public static Builder builder() {
		return new Builder();
	}

	/** The rendered transformation, empty when there is none. */
	public String transformation() {
		return this.transformation;
	}

	@Override
	public String toString() {
		return "CloudinaryUrlOptions[" + this.resourceType + "/" + ((this.type != null) ? this.type : "upload")
				+ ", transformation=" + this.transformation + ", signed=" + this.signed + "]";
	}

	/**
	 * Builder of {@link CloudinaryUrlOptions}.
	 */
	public static final class Builder {

		private String resourceType = "image";

		private @Nullable String type;

		private @Nullable String version;

		private @Nullable String format;

		private @Nullable Transformation transformation;

		private @Nullable List<Map<String, Object>> components;

		private boolean signed;

		private @Nullable Boolean longUrlSignature;

		private boolean forceVersion = true;

		private boolean shorten;

		private boolean useRootPath;

		private boolean useFetchFormat;

		private @Nullable String urlSuffix;

		private @Nullable String cloudName;

		private @Nullable Boolean secure;

		private @Nullable Boolean privateCdn;

		private @Nullable String secureDistribution;

		private @Nullable String cname;

		private boolean cdnSubdomain;

		private @Nullable CloudinaryAuthToken authToken;

		private @Nullable String analyticsToken;

		private Builder() {
		}

		/** {@code image} (the default), {@code video} or {@code raw}. */
		public Builder resourceType(String resourceType) {
			Assert.hasText(resourceType, "resourceType must not be empty");
			this.resourceType = resourceType;
			return this;
		}

		/**
		 * Delivery type: {@code upload} (the default), {@code private}, {@code authenticated},
		 * {@code fetch}, {@code facebook}, ... An absolute http(s) source without a type is returned
		 * as it is, as the SDK does.
		 */
		public Builder type(String type) {
			this.type = type;
			return this;
		}

		/** Version of the asset, as in {@code v1234}; without it, ids in a folder get {@code v1}. */
		public Builder version(Object version) {
			this.version = String.valueOf(version);
			return this;
		}

		/** Extension added to the public id, or the {@code f_} parameter for fetch URLs. */
		public Builder format(String format) {
			this.format = format;
			return this;
		}

		/** A provider-neutral transformation. */
		public Builder transformation(Transformation transformation) {
			this.transformation = transformation;
			this.components = null;
			return this;
		}

		/**
		 * Transformation components as SDK options, one map per chained step, for example
		 * {@code List.of(Map.of("width", 100, "crop", "scale"), Map.of("transformation", "my_named"))};
		 * see {@link CloudinaryTransformations#render(List)}.
		 */
		public Builder transformation(List<? extends Map<String, ?>> components) {
			List<Map<String, Object>> copy = new ArrayList<>(components.size());
			for (Map<String, ?> component : components) {
				copy.add(new LinkedHashMap<>(component));
			}
			this.components = copy;
			this.transformation = null;
			return this;
		}

		/** A transformation in Cloudinary syntax, used as it is, for example {@code c_fill,w_300/e_sepia}. */
		public Builder rawTransformation(String transformation) {
			return transformation(List.of(Map.of("raw_transformation", transformation)));
		}

		/** Whether the URL is signed ({@code s--XXXXXXXX--}, or an auth token when one is set). */
		public Builder signed(boolean signed) {
			this.signed = signed;
			return this;
		}

		/** The 32 character SHA-256 signature instead of the account's setting. */
		public Builder longUrlSignature(boolean longUrlSignature) {
			this.longUrlSignature = longUrlSignature;
			return this;
		}

		/** Whether {@code v1} is added to ids in a folder that have no version (true by default). */
		public Builder forceVersion(boolean forceVersion) {
			this.forceVersion = forceVersion;
			return this;
		}

		/** {@code iu} instead of {@code image/upload}. */
		public Builder shorten(boolean shorten) {
			this.shorten = shorten;
			return this;
		}

		/** No {@code image/upload} segment at all (image/upload only, private CDN). */
		public Builder useRootPath(boolean useRootPath) {
			this.useRootPath = useRootPath;
			return this;
		}

		/** The format as an {@code f_} parameter instead of an extension. */
		public Builder useFetchFormat(boolean useFetchFormat) {
			this.useFetchFormat = useFetchFormat;
			return this;
		}

		/** SEO suffix after the public id (private CDN); must contain neither {@code .} nor {@code /}. */
		public Builder urlSuffix(String urlSuffix) {
			Assert.isTrue(urlSuffix.indexOf('.') < 0 && urlSuffix.indexOf('/') < 0,
					"url_suffix should not include . or /");
			this.urlSuffix = urlSuffix;
			return this;
		}

		/** Another cloud than the configured one. */
		public Builder cloudName(String cloudName) {
			this.cloudName = cloudName;
			return this;
		}

		public Builder secure(boolean secure) {
			this.secure = secure;
			return this;
		}

		public Builder privateCdn(boolean privateCdn) {
			this.privateCdn = privateCdn;
			return this;
		}

		public Builder secureDistribution(String secureDistribution) {
			this.secureDistribution = secureDistribution;
			return this;
		}

		public Builder cname(String cname) {
			this.cname = cname;
			return this;
		}

		/** Spreads http URLs over the {@code a1}-{@code a5} (or {@code res-1}-{@code res-5}) sub-domains. */
		public Builder cdnSubdomain(boolean cdnSubdomain) {
			this.cdnSubdomain = cdnSubdomain;
			return this;
		}

		/**
		 * Token-based authentication (a premium feature): a signed URL then carries
		 * {@code ?__cld_token__=...} and no {@code s--} signature, as in the SDK.
		 */
		public Builder authToken(CloudinaryAuthToken authToken) {
			this.authToken = authToken;
			return this;
		}

		/**
		 * Appends {@code ?_a=<token>} when the URL has no query, like the SDKs' default analytics
		 * parameter; not signed. Off unless set: the token describes the SDK sending it (see
		 * {@link CloudinaryAnalytics}).
		 */
		public Builder analyticsToken(String analyticsToken) {
			this.analyticsToken = analyticsToken;
			return this;
		}

		public CloudinaryUrlOptions build() {
			String format = this.format;
			boolean fetchFormat = ("fetch".equals(this.type) || this.useFetchFormat) && format != null
					&& !format.isEmpty();
			String rendered;
			if (fetchFormat || this.components != null) {
				List<Map<String, Object>> components = (this.components != null) ? copy(this.components)
						: (this.transformation != null) ? CloudinaryTransformations.toOptions(this.transformation)
								: new ArrayList<>();
				if (fetchFormat) {
					// as the SDK: the format goes into the last component
					if (components.isEmpty()) {
						components.add(new LinkedHashMap<>());
					}
					components.get(components.size() - 1).put("fetch_format", format);
					format = null;
				}
				rendered = CloudinaryTransformations.render(components);
			}
			else {
				rendered = (this.transformation != null) ? CloudinaryTransformations.render(this.transformation) : "";
			}
			return new CloudinaryUrlOptions(this, format, rendered);
		}

		private static List<Map<String, Object>> copy(List<Map<String, Object>> components) {
			List<Map<String, Object>> copy = new ArrayList<>(components.size());
			for (Map<String, Object> component : components) {
				copy.add(new LinkedHashMap<>(component));
			}
			return copy;
		}

	}

}
