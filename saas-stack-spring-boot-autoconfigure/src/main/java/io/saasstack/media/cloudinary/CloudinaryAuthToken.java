package io.saasstack.media.cloudinary;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Cloudinary token-based authentication ({@code __cld_token__}), a premium feature of private
 * CDNs and custom domains, as {@code com.cloudinary.AuthToken} of the official Java SDK
 * (reference {@code media-cloudinary.md} §3, vector {@code cld-token-acl}):
 * {@code st=<start>~exp=<expiration>~acl=<acl>~hmac=<hex HMAC-SHA256>}, the HMAC keyed with the
 * hex-decoded token key over the parts before it, the ACL (or, without one, the URL path) being
 * percent-escaped in lower case. Unlike {@code s--} signatures, tokens expire. Immutable; the key
 * never appears in {@code toString()}.
 *
 * @since 0.1.0
 */
public final class CloudinaryAuthToken {

	/** The query parameter of the token. */
	public static final String DEFAULT_NAME = "__cld_token__";

	private static final String UNSAFE = " \"#%&'/:;<=>?@[\\]^`{|}~";

	private final byte[] key;

	private final String name;

	private final long startTime;

	private final long expiration;

	private final long duration;

	private final List<String> acl;

	private final @Nullable String ip;

	private CloudinaryAuthToken(byte[] key, String name, long startTime, long expiration, long duration,
			List<String> acl, @Nullable String ip) {
		this.key = key;
		this.name = name;
		this.startTime = startTime;
		this.expiration = expiration;
		this.duration = duration;
		this.acl = List.copyOf(acl);
		this.ip = ip;
	}

	/** A token keyed with the account's token key, given in hex as the console shows it. */
	public static CloudinaryAuthToken of(String hexKey) {
		Assert.hasText(hexKey, "hexKey must not be empty");
		return new CloudinaryAuthToken(HexFormat.of().parseHex(hexKey), DEFAULT_NAME, 0, 0, 0, List.of(), null);
	}

	/** Start of validity in epoch seconds ({@code st}); now when not set. */
	public CloudinaryAuthToken withStartTime(long epochSeconds) {
		return new CloudinaryAuthToken(this.key, this.name, epochSeconds, this.expiration, this.duration, this.acl,
				this.ip);
	}

	/** End of validity in epoch seconds ({@code exp}); takes precedence over the duration. */
	public CloudinaryAuthToken withExpiration(long epochSeconds) {
		return new CloudinaryAuthToken(this.key, this.name, this.startTime, epochSeconds, this.duration, this.acl,
				this.ip);
	}

	/** Validity in seconds from the start time (or now). */
	public CloudinaryAuthToken withDuration(long seconds) {
		return new CloudinaryAuthToken(this.key, this.name, this.startTime, this.expiration, seconds, this.acl,
				this.ip);
	}

	/** Paths the token grants, such as {@code /image/*}; without one, the token is for one URL. */
	public CloudinaryAuthToken withAcl(String... acl) {
		return new CloudinaryAuthToken(this.key, this.name, this.startTime, this.expiration, this.duration,
				List.of(acl), this.ip);
	}

	/** The only client IP allowed. */
	public CloudinaryAuthToken withIp(String ip) {
		return new CloudinaryAuthToken(this.key, this.name, this.startTime, this.expiration, this.duration, this.acl,
				ip);
	}

	/** Another query parameter name than {@value #DEFAULT_NAME}. */
	public CloudinaryAuthToken withName(String name) {
		return new CloudinaryAuthToken(this.key, name, this.startTime, this.expiration, this.duration, this.acl,
				this.ip);
	}

	/** The token for the ACL: {@code __cld_token__=st=...~exp=...~acl=...~hmac=...}. */
	public String generate(Clock clock) {
		return generate(null, clock);
	}

	/**
	 * The token as the query of a URL.
	 * @param urlPath path of the URL, signed when the token has no ACL
	 * @param clock the clock giving "now" when no start time nor expiration is set
	 * @throws IllegalArgumentException without ACL nor URL, or without expiration nor duration
	 */
	public String generate(@Nullable String urlPath, Clock clock) {
		Assert.isTrue(urlPath != null || !this.acl.isEmpty(), "Must provide acl or url");
		long expiration = this.expiration;
		if (expiration == 0) {
			Assert.isTrue(this.duration > 0, "Must provide either expiration or duration");
			long start = (this.startTime > 0) ? this.startTime : clock.instant().getEpochSecond();
			expiration = start + this.duration;
		}
		StringBuilder token = new StringBuilder(128);
		if (this.ip != null) {
			token.append("ip=").append(this.ip).append('~');
		}
		if (this.startTime > 0) {
			token.append("st=").append(this.startTime).append('~');
		}
		token.append("exp=").append(expiration);
		if (!this.acl.isEmpty()) {
			token.append("~acl=").append(escape(String.join("!", this.acl)));
		}
		String toSign = (urlPath != null && this.acl.isEmpty()) ? token + "~url=" + escape(urlPath) : token.toString();
		token.append("~hmac=").append(hmac(toSign));
		return this.name + "=" + token;
	}

	private String hmac(String message) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(this.key, "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	// SDK AuthToken.escapeToLower: percent-escape the unsafe characters, hex in lower case
	private static String escape(String text) {
		StringBuilder out = new StringBuilder(text.length() + 16);
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (UNSAFE.indexOf(c) >= 0) {
				out.append('%').append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xF, 16));
			}
			else {
				out.append(c);
			}
		}
		return out.toString();
	}

	@Override
	public String toString() {
		return "CloudinaryAuthToken[name=" + this.name + ", acl=" + this.acl + ", key=******]";
	}

}
