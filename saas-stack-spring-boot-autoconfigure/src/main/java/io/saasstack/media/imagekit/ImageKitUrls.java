package io.saasstack.media.imagekit;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.saasstack.media.MediaUrls;
import io.saasstack.media.Transformation;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * ImageKit delivery URLs, byte-identical to ImageKit's Java v3 SDK ({@code Helper.buildUrl},
 * reference {@code media-imagekit.md} §1-3), computed locally.
 * <ul>
 * <li>A file path is appended to the URL endpoint with leading, trailing and repeated slashes
 * removed and percent-encoded as UTF-8 ({@code %} included); an absolute {@code http(s)} URL is used
 * as it is, its query kept first and its transformation always in the query.</li>
 * <li>The transformation ({@link ImageKitTransformations}) goes in a {@code tr:} path segment or a
 * {@code tr} query parameter, written raw, after the extra query parameters.</li>
 * <li>Signed URLs end with {@code ik-t} (expiry in epoch seconds, when the URL expires) and
 * {@code ik-s}: the lower-case hex HMAC-SHA1, keyed with the private key, of the URL without the
 * URL endpoint and its trailing slash, followed by the expiry ({@code 9999999999} when the URL does
 * not expire).</li>
 * </ul>
 * One deliberate difference: a {@code %XX} escape already in the path of an absolute URL is kept,
 * where the Java SDK encodes its {@code %} again ({@code %2520}), which breaks the URL; the Node SDK
 * keeps it too.
 *
 * @since 0.1.0
 */
public final class ImageKitUrls implements MediaUrls {

	/** Expiry signed for URLs that do not expire; not written as {@code ik-t}. */
	static final long NO_EXPIRY = 9999999999L;

	private final String origin;

	private final String endpointPath;

	private final String signedPrefix;

	private final @Nullable ImageKitSigner signer;

	private final TransformationPosition position;

	private final Clock clock;

	/**
	 * @param urlEndpoint the URL endpoint, for example {@code https://ik.imagekit.io/your_imagekit_id}
	 * @param privateKey the private key, or null when no URL is signed
	 * @param position where transformations go by default
	 * @param clock the clock expiring URLs are measured with
	 */
	public ImageKitUrls(URI urlEndpoint, @Nullable String privateKey, TransformationPosition position, Clock clock) {
		Assert.notNull(urlEndpoint, "urlEndpoint must not be null");
		Assert.isTrue(("http".equalsIgnoreCase(urlEndpoint.getScheme())
				|| "https".equalsIgnoreCase(urlEndpoint.getScheme())) && urlEndpoint.getHost() != null,
				"urlEndpoint must be an absolute http(s) URL");
		Assert.notNull(position, "position must not be null");
		Assert.notNull(clock, "clock must not be null");
		this.origin = origin(urlEndpoint);
		this.endpointPath = endpointPath(urlEndpoint.getRawPath());
		String endpoint = urlEndpoint.toString();
		this.signedPrefix = endpoint.endsWith("/") ? endpoint : endpoint + "/";
		this.signer = (privateKey != null) ? new ImageKitSigner(privateKey) : null;
		this.position = position;
		this.clock = clock;
	}

	private static String origin(URI endpoint) {
		String scheme = endpoint.getScheme().toLowerCase(Locale.ROOT);
		int port = endpoint.getPort();
		boolean defaultPort = port == -1 || ("http".equals(scheme) && port == 80)
				|| ("https".equals(scheme) && port == 443);
		return scheme + "://" + endpoint.getHost() + (defaultPort ? "" : ":" + port);
	}

	private static String endpointPath(@Nullable String rawPath) {
		StringBuilder sb = new StringBuilder("/");
		if (rawPath != null) {
			int start = sb.length();
			boolean slash = true;
			for (int i = 0; i < rawPath.length(); i++) {
				char c = rawPath.charAt(i);
				if (c == '/') {
					if (!slash) {
						sb.append('/');
					}
					slash = true;
				}
				else {
					slash = false;
					int end = i + 1;
					while (end < rawPath.length() && rawPath.charAt(end) != '/') {
						end++;
					}
					ImageKitPaths.appendEncoded(sb, rawPath, i, end, true);
					i = end - 1;
				}
			}
			if (sb.length() > start && sb.charAt(sb.length() - 1) != '/') {
				sb.append('/');
			}
		}
		return sb.toString();
	}

	@Override
	public String provider() {
		return ImageKitTransformations.PROVIDER;
	}

	/**
	 * @throws IllegalArgumentException for a crop or gravity ImageKit does not have
	 */
	@Override
	public String url(String id, Transformation transformation) {
		return build(checkId(id), ImageKitTransformations.of(transformation), this.position, null, 0);
	}

	/**
	 * @param expiresIn lifetime of the URL, or null or zero for a URL that does not expire
	 * @throws IllegalStateException if no private key was given
	 */
	@Override
	public String signedUrl(String id, Transformation transformation, @Nullable Duration expiresIn) {
		return build(checkId(id), ImageKitTransformations.of(transformation), this.position, null,
				expiry(expiresIn));
	}

	/**
	 * @throws IllegalStateException if no private key was given
	 */
	@Override
	public String signedUrl(String id, Transformation transformation) {
		return build(checkId(id), ImageKitTransformations.of(transformation), this.position, null, NO_EXPIRY);
	}

	/**
	 * The URL for ImageKit's own options: overlays, effects and anything else the SDKs accept.
	 * @throws IllegalArgumentException for an unknown option
	 * @throws IllegalStateException if the URL is signed and no private key was given
	 */
	public String url(ImageKitUrlOptions options) {
		long expiry = 0;
		if (options.expiresAt() != null) {
			expiry = options.expiresAt().getEpochSecond();
		}
		else if (options.expiresIn() != null && !options.expiresIn().isZero()) {
			expiry = expiry(options.expiresIn());
		}
		else if (options.signed()) {
			expiry = NO_EXPIRY;
		}
		TransformationPosition position = (options.position() != null) ? options.position() : this.position;
		return build(options.src(), ImageKitTransformations.of(options.steps()), position, options.queryParameters(),
				expiry);
	}

	private long expiry(@Nullable Duration expiresIn) {
		if (expiresIn == null || expiresIn.isZero()) {
			return NO_EXPIRY;
		}
		Assert.isTrue(!expiresIn.isNegative(), "expiresIn must not be negative");
		long seconds = expiresIn.getSeconds() + ((expiresIn.getNano() > 0) ? 1 : 0);
		return this.clock.instant().getEpochSecond() + seconds;
	}

	private static String checkId(String id) {
		Assert.hasLength(id, "id must not be empty");
		return id;
	}

	/**
	 * @param expiry expiry in epoch seconds, {@link #NO_EXPIRY}, or 0 for an unsigned URL
	 */
	private String build(String src, String transformation, TransformationPosition position,
			@Nullable Map<String, Object> queryParameters, long expiry) {
		StringBuilder sb = new StringBuilder(64 + src.length() + transformation.length());
		boolean absolute = src.startsWith("http://") || src.startsWith("https://");
		boolean inPath = !transformation.isEmpty() && position == TransformationPosition.PATH && !absolute;
		char separator = '?';
		if (absolute) {
			String query = appendAbsolute(sb, src);
			if (query != null && !query.isEmpty()) {
				sb.append('?').append(query);
				separator = '&';
			}
		}
		else {
			sb.append(this.origin).append(this.endpointPath);
			if (inPath) {
				sb.append("tr:").append(transformation).append('/');
			}
			ImageKitPaths.appendFilePath(sb, src);
		}
		if (queryParameters != null && !queryParameters.isEmpty()) {
			List<String> names = new ArrayList<>(queryParameters.keySet());
			names.sort(null);
			for (String name : names) {
				sb.append(separator)
					.append(URLEncoder.encode(name, StandardCharsets.UTF_8))
					.append('=')
					.append(URLEncoder.encode(String.valueOf(queryParameters.get(name)), StandardCharsets.UTF_8));
				separator = '&';
			}
		}
		if (!transformation.isEmpty() && !inPath) {
			sb.append(separator).append("tr=").append(transformation);
			separator = '&';
		}
		if (expiry != 0) {
			String signature = sign(sb, expiry);
			sb.append(separator);
			if (expiry != NO_EXPIRY) {
				sb.append("ik-t=").append(expiry).append('&');
			}
			sb.append("ik-s=").append(signature);
		}
		return sb.toString();
	}

	/** Appends the scheme, host, port and encoded path of an absolute URL; returns its raw query. */
	private static @Nullable String appendAbsolute(StringBuilder sb, String url) {
		int authorityStart = url.indexOf("://") + 3;
		int authorityEnd = indexOfAny(url, authorityStart, "/?#");
		int pathEnd = indexOfAny(url, authorityEnd, "?#");
		String scheme = url.substring(0, authorityStart - 3);
		String authority = url.substring(authorityStart, authorityEnd);
		authority = authority.substring(authority.lastIndexOf('@') + 1);
		int portStart = authority.lastIndexOf(':');
		if (portStart > authority.lastIndexOf(']')) {
			String port = authority.substring(portStart + 1);
			authority = authority.substring(0, portStart);
			boolean defaultPort = port.isEmpty() || ("http".equals(scheme) && "80".equals(port))
					|| ("https".equals(scheme) && "443".equals(port));
			if (!defaultPort) {
				Assert.isTrue(!port.isEmpty() && port.chars().allMatch(Character::isDigit),
						() -> "Invalid port in " + url);
				authority = authority + ":" + port;
			}
		}
		Assert.isTrue(!authority.isEmpty(), () -> "No host in " + url);
		sb.append(scheme).append("://").append(authority);
		ImageKitPaths.appendEncoded(sb, url, authorityEnd, pathEnd, true);
		if (pathEnd < url.length() && url.charAt(pathEnd) == '?') {
			int queryEnd = url.indexOf('#', pathEnd);
			return url.substring(pathEnd + 1, (queryEnd != -1) ? queryEnd : url.length());
		}
		return null;
	}

	private static int indexOfAny(String text, int from, String chars) {
		for (int i = from; i < text.length(); i++) {
			if (chars.indexOf(text.charAt(i)) != -1) {
				return i;
			}
		}
		return text.length();
	}

	private String sign(CharSequence url, long expiry) {
		ImageKitSigner signer = this.signer;
		if (signer == null) {
			throw new IllegalStateException("Signed ImageKit URLs need the private key");
		}
		String text = url.toString();
		int prefix = text.indexOf(this.signedPrefix);
		StringBuilder toSign = new StringBuilder(text.length() + 10);
		if (prefix == -1) {
			toSign.append(text);
		}
		else {
			toSign.append(text, 0, prefix).append(text, prefix + this.signedPrefix.length(), text.length());
		}
		return signer.sign(toSign.append(expiry));
	}

	@Override
	public String toString() {
		return "ImageKitUrls[" + this.origin + this.endpointPath + ", " + this.position + "]";
	}

}
