package io.saasstack.media.cloudinary;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.zip.CRC32;

import io.saasstack.media.MediaUrls;
import io.saasstack.media.ResourceType;
import io.saasstack.media.Transformation;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Cloudinary delivery URLs, byte-identical to {@code com.cloudinary.Url#generate} of the
 * official Java SDK 2.3 with analytics off (reference {@code media-cloudinary.md} §1-3):
 * {@code <prefix>/<resource_type>/<type>/<s--SIG-->/<transformation>/<vN>/<public_id>[/<suffix>][.<format>]}.
 * <p>
 * The provider-neutral methods take the id of an upload, a {@link CloudinaryAssetId}
 * ({@code <resource_type>/<type>/v<version>/<public_id>[.<format>]}), and deliver that asset with
 * its resource type, version and format: the URL of an upload's id is its {@code secure_url}. A
 * bare public id is an image of the {@code upload} type; an absolute http(s) id is a remote image
 * delivered with the {@code fetch} type (the account must allow fetched URLs). Raw files take no
 * transformation. {@link #url(String, CloudinaryUrlOptions)} takes the SDK's options for
 * anything else. Public ids are escaped as the SDK does: decoded, then percent-encoded except
 * {@code /} and {@code :} (so {@code a b} and {@code a%20b} both give {@code a%20b}); ids in a
 * folder without a version get {@code v1}.
 * <p>
 * Signed URLs carry {@code s--XXXXXXXX--}: the first 8 characters of the URL-safe Base64 of
 * the SHA-1 (or SHA-256) of the transformation, {@code /}, the escaped public id and format,
 * followed by the API secret; with the long signature, the first 32 characters of the SHA-256.
 * They never expire: {@link #signedUrl(String, Transformation, Duration)} rejects a lifetime.
 * Thread-safe; everything that depends only on the settings is computed once.
 *
 * @since 0.1.0
 */
public final class CloudinaryUrls implements MediaUrls {

	static final String SHARED_CDN = "res.cloudinary.com";

	private static final String OLD_AKAMAI_SHARED_CDN = "cloudinary-a.akamaihd.net";

	private final CloudinaryUrlSettings settings;

	private final Clock clock;

	private final String prefix;

	private final String uploadPrefix;

	private final String fetchPrefix;

	private final byte @Nullable [] secret;

	private final int signatureLength;

	private final SignatureAlgorithm urlSignatureAlgorithm;

	public CloudinaryUrls(CloudinaryUrlSettings settings) {
		this(settings, Clock.systemUTC());
	}

	/**
	 * @param settings the account settings
	 * @param clock the clock of auth tokens ({@link CloudinaryUrlOptions.Builder#authToken})
	 */
	public CloudinaryUrls(CloudinaryUrlSettings settings, Clock clock) {
		Assert.notNull(settings, "settings must not be null");
		Assert.notNull(clock, "clock must not be null");
		this.settings = settings;
		this.clock = clock;
		// with cdn_subdomain the prefix depends on the public id; the settings have no such option
		this.prefix = prefix(null, settings.cloudName(), settings.secure(), settings.privateCdn(),
				settings.secureDistribution(), settings.cname(), false);
		this.uploadPrefix = this.prefix + "/image/upload";
		this.fetchPrefix = this.prefix + "/image/fetch";
		this.secret = (settings.apiSecret() != null) ? settings.apiSecret().getBytes(StandardCharsets.UTF_8) : null;
		this.signatureLength = settings.longUrlSignature() ? 32 : 8;
		this.urlSignatureAlgorithm = settings.longUrlSignature() ? SignatureAlgorithm.SHA256 : settings.algorithm();
	}

	@Override
	public String provider() {
		return CloudinaryTransformations.PROVIDER;
	}

	/** The settings of these URLs. */
	public CloudinaryUrlSettings settings() {
		return this.settings;
	}

	@Override
	public String url(String id, Transformation transformation) {
		return neutralUrl(id, transformation, false);
	}

	@Override
	public String signedUrl(String id, Transformation transformation) {
		requireSecret();
		return neutralUrl(id, transformation, true);
	}

	/**
	 * Signed URL. Cloudinary URL signatures do not expire, so only a null lifetime is accepted;
	 * expiring URLs need token-based authentication, see
	 * {@link CloudinaryUrlOptions.Builder#authToken(CloudinaryAuthToken)}.
	 * @throws IllegalArgumentException if {@code expiresIn} is not null
	 */
	@Override
	public String signedUrl(String id, Transformation transformation, @Nullable Duration expiresIn) {
		if (expiresIn != null) {
			throw new IllegalArgumentException("Cloudinary URL signatures do not expire: use signedUrl(id, "
					+ "transformation), or token-based authentication (CloudinaryUrlOptions.authToken) for URLs "
					+ "that expire");
		}
		return signedUrl(id, transformation);
	}

	private void requireSecret() {
		Assert.state(this.secret != null, "Signed Cloudinary URLs need the API secret (saas.media.cloudinary.api-secret)");
	}

	private String neutralUrl(String id, Transformation transformation, boolean signed) {
		Assert.hasText(id, "id must not be empty");
		Assert.notNull(transformation, "transformation must not be null");
		boolean http = isHttpUrl(id);
		CloudinaryAssetId asset = http ? null : CloudinaryAssetId.parse(id);
		if (asset != null && !asset.isBare()) {
			return storedUrl(asset, transformation, signed);
		}
		String source = encodeSource(id, http);
		StringBuilder url = new StringBuilder(this.uploadPrefix.length() + source.length() + 96);
		url.append(http ? this.fetchPrefix : this.uploadPrefix);
		int signatureAt = url.length();
		String transformationText = appendTransformation(url, transformation, signed);
		if (!http && needsDefaultVersion(source)) {
			url.append("/v1");
		}
		url.append('/').append(source);
		if (signed) {
			insertSignature(url, signatureAt, transformationText, source);
		}
		return mergeSlashes(url);
	}

	/** The URL of an asset named by its stored id: its resource type, type, version and format. */
	private String storedUrl(CloudinaryAssetId asset, Transformation transformation, boolean signed) {
		boolean transformed = !transformation.isEmpty();
		Assert.isTrue(!transformed || asset.resourceType() != ResourceType.RAW,
				() -> "Cloudinary does not transform raw files: " + asset.value() + " takes no transformation");
		StringBuilder url = new StringBuilder(this.prefix.length() + asset.publicId().length() + 128);
		url.append(this.prefix).append('/').append(asset.resourceType().id()).append('/').append(asset.type());
		int signatureAt = url.length();
		String transformationText = appendTransformation(url, transformation, signed);
		String source = encodeSource(asset.publicId(), false)
				+ ((asset.format() != null) ? "." + asset.format() : "");
		url.append("/v").append((asset.version() != null) ? asset.version() : 1L).append('/').append(source);
		if (signed) {
			insertSignature(url, signatureAt, transformationText, source);
		}
		return mergeSlashes(url);
	}

	/**
	 * Appends {@code /<transformation>}, or nothing for an empty one.
	 * @return the transformation's text when the URL is signed (it is part of what is signed), else empty
	 */
	private static String appendTransformation(StringBuilder url, Transformation transformation, boolean signed) {
		int slashAt = url.length();
		url.append('/');
		int transformationStart = url.length();
		CloudinaryTransformations.appendTo(url, transformation);
		if (url.length() == transformationStart) {
			url.setLength(slashAt);
			return "";
		}
		return signed ? url.substring(transformationStart) : "";
	}

	/** Inserts the {@code /s--<signature>--} component where the transformation starts. */
	private void insertSignature(StringBuilder url, int signatureAt, String transformationText, String source) {
		StringBuilder signature = new StringBuilder(this.signatureLength + 6).append("/s--");
		CloudinarySignatures.appendUrlSignature(signature, stringToSign(transformationText, source), this.secret,
				this.urlSignatureAlgorithm, this.signatureLength);
		url.insert(signatureAt, signature.append("--"));
	}

	/**
	 * URL with the SDK's options.
	 * @param publicId public id, or an absolute URL for the {@code fetch} type
	 * @param options the options, {@link CloudinaryUrlOptions#DEFAULT} for none
	 */
	public String url(String publicId, CloudinaryUrlOptions options) {
		Assert.hasText(publicId, "publicId must not be empty");
		Assert.notNull(options, "options must not be null");
		boolean http = isHttpUrl(publicId);
		if (http && (options.type == null || options.type.isEmpty() || "asset".equals(options.type))) {
			return publicId;
		}
		String cloudName = (options.cloudName != null) ? options.cloudName : this.settings.cloudName();
		String source = encodeSource(publicId, http);
		String sourceToSign = source;
		if (!http) {
			if (options.urlSuffix != null && !options.urlSuffix.isBlank()) {
				source = source + "/" + options.urlSuffix;
			}
			if (options.format != null && !options.format.isBlank()) {
				source = source + "." + options.format;
				sourceToSign = sourceToSign + "." + options.format;
			}
		}
		String version = options.version;
		if (options.forceVersion && !http && (version == null || version.isEmpty())
				&& needsDefaultVersion(sourceToSign)) {
			version = "1";
		}
		StringBuilder url = new StringBuilder(128);
		String prefix = (options.cloudName == null && options.secure == null
				&& options.privateCdn == null && options.secureDistribution == null && options.cname == null
				&& !options.cdnSubdomain) ? this.prefix
						: prefix(source, cloudName,
								(options.secure != null) ? options.secure : this.settings.secure(),
								(options.privateCdn != null) ? options.privateCdn : this.settings.privateCdn(),
								(options.secureDistribution != null) ? options.secureDistribution
										: this.settings.secureDistribution(),
								(options.cname != null) ? options.cname : this.settings.cname(), options.cdnSubdomain);
		url.append(prefix);
		String resourceAndType = resourceAndType(options);
		if (!resourceAndType.isEmpty()) {
			url.append('/').append(resourceAndType);
		}
		boolean tokenAuth = options.signed && options.authToken != null;
		if (options.signed && !tokenAuth) {
			requireSecret();
			boolean longSignature = (options.longUrlSignature != null) ? options.longUrlSignature
					: this.settings.longUrlSignature();
			url.append("/s--");
			CloudinarySignatures.appendUrlSignature(url, stringToSign(options.transformation, sourceToSign),
					this.secret, longSignature ? SignatureAlgorithm.SHA256 : this.settings.algorithm(),
					longSignature ? 32 : 8);
			url.append("--");
		}
		if (!options.transformation.isEmpty()) {
			url.append('/').append(options.transformation);
		}
		if (version != null && !version.isEmpty()) {
			url.append("/v").append(version);
		}
		url.append('/').append(source);
		String result = mergeSlashes(url);
		if (tokenAuth) {
			result = result + "?" + options.authToken.generate(path(result), this.clock);
		}
		if (options.analyticsToken != null && result.indexOf('?') < 0) {
			result = result + "?_a=" + options.analyticsToken;
		}
		return result;
	}

	private static String path(String url) {
		int host = url.indexOf("//");
		int path = url.indexOf('/', (host >= 0) ? host + 2 : 0);
		return (path >= 0) ? url.substring(path) : "/";
	}

	// SDK Url.finalizeResourceType
	private static String resourceAndType(CloudinaryUrlOptions options) {
		String resourceType = options.resourceType;
		String type = (options.type != null) ? options.type : "upload";
		if (options.urlSuffix != null && !options.urlSuffix.isBlank()) {
			String suffixed = switch (resourceType + "/" + type) {
				case "image/upload" -> "images";
				case "image/private" -> "private_images";
				case "image/authenticated" -> "authenticated_images";
				case "raw/upload" -> "files";
				case "video/upload" -> "videos";
				default -> throw new IllegalArgumentException("URL Suffix only supported for image/upload, "
						+ "image/private, raw/upload, image/authenticated  and video/upload");
			};
			resourceType = suffixed;
			type = null;
		}
		if (options.useRootPath) {
			if (("image".equals(resourceType) && "upload".equals(type)) || ("images".equals(resourceType) && type == null)) {
				return "";
			}
			throw new IllegalArgumentException("Root path only supported for image/upload");
		}
		if (options.shorten && "image".equals(resourceType) && "upload".equals(type)) {
			return "iu";
		}
		return (type != null) ? resourceType + "/" + type : resourceType;
	}

	// SDK Url.unsignedDownloadUrlPrefix
	private static String prefix(@Nullable String source, String cloudName, boolean secure, boolean privateCdn,
			@Nullable String secureDistribution, @Nullable String cname, boolean cdnSubdomain) {
		if (cloudName.startsWith("/")) {
			return "/res" + cloudName;
		}
		boolean sharedDomain = !privateCdn;
		String prefix;
		if (secure) {
			String distribution = secureDistribution;
			if (distribution == null || distribution.isEmpty() || distribution.equals(OLD_AKAMAI_SHARED_CDN)) {
				distribution = privateCdn ? cloudName + "-res.cloudinary.com" : SHARED_CDN;
			}
			if (!sharedDomain) {
				sharedDomain = distribution.equals(SHARED_CDN);
			}
			if (sharedDomain && cdnSubdomain && source != null) {
				// the SDK replaces in the configured distribution, and fails when there is none
				distribution = distribution.replace(SHARED_CDN, "res-" + shard(source) + ".cloudinary.com");
			}
			prefix = "https://" + distribution;
		}
		else if (cname != null && !cname.isBlank()) {
			prefix = "http://" + ((cdnSubdomain && source != null) ? "a" + shard(source) + "." : "") + cname;
		}
		else {
			prefix = "http://" + (privateCdn ? cloudName + "-" : "") + "res"
					+ ((cdnSubdomain && source != null) ? "-" + shard(source) : "") + ".cloudinary.com";
		}
		return sharedDomain ? prefix + "/" + cloudName : prefix;
	}

	private static long shard(String source) {
		CRC32 crc32 = new CRC32();
		crc32.update(source.getBytes(StandardCharsets.UTF_8));
		return (crc32.getValue() % 5 + 5) % 5 + 1;
	}

	private static String stringToSign(String transformation, String sourceToSign) {
		String joined = transformation + "/" + sourceToSign;
		int start = 0;
		while (start < joined.length() && joined.charAt(start) == '/') {
			start++;
		}
		return mergeSlashes((start > 0) ? joined.substring(start) : joined);
	}

	static boolean isHttpUrl(String source) {
		return source.regionMatches(true, 0, "https:/", 0, 7) || source.regionMatches(true, 0, "http:/", 0, 6);
	}

	// SDK: a '/' in the id, not starting with an optional '/' then 'v' and a digit
	private static boolean needsDefaultVersion(String source) {
		if (source.indexOf('/') < 0) {
			return false;
		}
		int start = (source.charAt(0) == '/') ? 1 : 0;
		return !(source.length() > start + 1 && source.charAt(start) == 'v' && Character.isDigit(source.charAt(start + 1)));
	}

	/**
	 * SDK {@code Url.finalizeSource}: repeated slashes merged; http sources percent-encoded as
	 * they are, public ids decoded first (a {@code +} being kept) so that encoded input is not
	 * encoded twice; {@code /} and {@code :} kept, spaces as {@code %20}.
	 */
	static String encodeSource(String source, boolean http) {
		String merged = mergeSlashes(source);
		if (isUnreserved(merged)) {
			return merged;
		}
		String decoded = http ? merged : URLDecoder.decode(merged.replace("+", "%2B"), StandardCharsets.UTF_8);
		return URLEncoder.encode(decoded, StandardCharsets.UTF_8)
			.replace("%2F", "/")
			.replace("%3A", ":")
			.replace("+", "%20");
	}

	// the characters URLEncoder leaves alone, and the '/' and ':' the SDK restores
	private static boolean isUnreserved(String text) {
		for (int i = 0, length = text.length(); i < length; i++) {
			char c = text.charAt(i);
			if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '/' || c == '_'
					|| c == '-' || c == '.' || c == ':' || c == '*')) {
				return false;
			}
		}
		return true;
	}

	/** SDK {@code StringUtils.mergeSlashesInUrl}: runs of {@code /} become one, except right after {@code :}. */
	static String mergeSlashes(CharSequence text) {
		if (!hasDoubleSlash(text)) {
			return text.toString();
		}
		StringBuilder out = new StringBuilder(text.length());
		boolean afterColon = false;
		boolean merging = false;
		for (int i = 0, length = text.length(); i < length; i++) {
			char c = text.charAt(i);
			if (c == ':') {
				afterColon = true;
				out.append(c);
				continue;
			}
			if (c == '/') {
				if (afterColon) {
					out.append(c);
					merging = false;
				}
				else {
					if (!merging) {
						out.append(c);
					}
					merging = true;
				}
			}
			else {
				merging = false;
				out.append(c);
			}
			afterColon = false;
		}
		return out.toString();
	}

	// "//" only right after ':' (a scheme) changes nothing
	private static boolean hasDoubleSlash(CharSequence text) {
		for (int i = 1, length = text.length(); i < length; i++) {
			if (text.charAt(i) == '/' && text.charAt(i - 1) == '/') {
				if (i < 2 || text.charAt(i - 2) != ':' || (i + 1 < length && text.charAt(i + 1) == '/')) {
					return true;
				}
			}
		}
		return false;
	}

	@Override
	public String toString() {
		return "CloudinaryUrls[" + this.settings.cloudName() + "]";
	}

}
