package io.saasstack.auth.clerk;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.saasstack.auth.SaasOrganization;
import io.saasstack.auth.SaasUser;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Maps verified Clerk session claims to a {@link SaasUser}, as {@code @clerk/shared}'s
 * {@code jwtPayloadParser} does (reference {@code auth-clerk.md} §2, vectors
 * {@code clerk/claims-mapping}):
 * <ul>
 * <li>id {@code sub}, session id {@code sid}, email the {@code email} claim (added by a session
 * token template, for example {@code "email": "{{user.primary_email_address}}"});</li>
 * <li>v2 tokens ({@code v: 2}): the organisation from {@code o}: role {@code "org:" + rol},
 * permissions from the {@code fpm} bitmasks, the i-th mask applying to the i-th
 * <em>organisation</em> feature of {@code fea} (scope containing {@code o}) and bit j (least
 * significant first) granting {@code org:<feature>:<per[j]>};</li>
 * <li>v1 tokens: {@code org_id}, {@code org_slug}, {@code org_role}, {@code org_permissions};</li>
 * <li>app metadata: a {@code public_metadata} (or {@code metadata}) object claim, when a
 * template adds one; every claim is kept.</li>
 * </ul>
 *
 * @since 0.1.0
 */
public final class ClerkClaims {

	/** Provider id of Clerk users. */
	public static final String PROVIDER = "clerk";

	private ClerkClaims() {
	}

	/** The user of a verified token. */
	public static SaasUser user(Jwt jwt) {
		return user(jwt.getClaims());
	}

	/**
	 * The user of a verified token of Clerk's shape issued by another party, named by
	 * {@code provider} (for example {@code local} for development tokens).
	 */
	public static SaasUser user(Jwt jwt, String provider) {
		return user(jwt.getClaims(), provider);
	}

	/** The user of verified claims; time claims may be {@link Instant}s or epoch seconds. */
	public static SaasUser user(Map<String, Object> claims) {
		return user(claims, PROVIDER);
	}

	private static SaasUser user(Map<String, Object> claims, String provider) {
		Object sub = claims.get("sub");
		if (!(sub instanceof String id)) {
			throw new IllegalArgumentException("A Clerk session token has a string sub claim");
		}
		return new SaasUser(provider, id, string(claims.get("sid")), string(claims.get("email")), null,
				organization(claims), metadata(claims), Map.of(), instant(claims.get("iat")),
				instant(claims.get("exp")), claims);
	}

	/** The active organisation, from v2 {@code o} or v1 {@code org_*} claims; null when none. */
	public static @Nullable SaasOrganization organization(Map<String, Object> claims) {
		if (isVersion2(claims.get("v"))) {
			if (!(claims.get("o") instanceof Map<?, ?> org) || !(org.get("id") instanceof String id)) {
				return null;
			}
			String rol = string(org.get("rol"));
			String role = (rol != null && !rol.isEmpty()) ? "org:" + rol : null;
			return new SaasOrganization(id, string(org.get("slg")), role,
					permissions(string(claims.get("fea")), string(org.get("per")), string(org.get("fpm"))));
		}
		if (!(claims.get("org_id") instanceof String id)) {
			return null;
		}
		List<String> permissions = new ArrayList<>();
		if (claims.get("org_permissions") instanceof Collection<?> values) {
			for (Object value : values) {
				if (value instanceof String permission) {
					permissions.add(permission);
				}
			}
		}
		return new SaasOrganization(id, string(claims.get("org_slug")), string(claims.get("org_role")), permissions);
	}

	/** The permission keys encoded by {@code fea}, {@code o.per} and {@code o.fpm}. */
	static List<String> permissions(@Nullable String fea, @Nullable String per, @Nullable String fpm) {
		List<String> result = new ArrayList<>();
		if (per == null || per.isEmpty() || fpm == null || fpm.isEmpty()) {
			return result;
		}
		List<String> orgFeatures = new ArrayList<>();
		if (fea != null && !fea.isEmpty()) {
			for (String entry : fea.split(",")) {
				String[] scopeAndName = entry.trim().split(":");
				if (scopeAndName.length >= 2 && scopeAndName[0].contains("o")) {
					orgFeatures.add(scopeAndName[1]);
				}
			}
		}
		String[] permissions = per.split(",");
		String[] masks = fpm.split(",");
		for (int i = 0; i < orgFeatures.size() && i < masks.length; i++) {
			long mask;
			try {
				mask = Long.parseLong(masks[i].trim());
			}
			catch (NumberFormatException ex) {
				continue;
			}
			for (int bit = 0; bit < permissions.length; bit++) {
				if ((mask & (1L << bit)) != 0) {
					result.add("org:" + orgFeatures.get(i) + ":" + permissions[bit].trim());
				}
			}
		}
		return result;
	}

	private static boolean isVersion2(@Nullable Object version) {
		return (version instanceof Number number) && number.doubleValue() == 2;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> metadata(Map<String, Object> claims) {
		Object metadata = claims.get("public_metadata");
		if (!(metadata instanceof Map)) {
			metadata = claims.get("metadata");
		}
		return (metadata instanceof Map) ? (Map<String, Object>) metadata : Map.of();
	}

	private static @Nullable String string(@Nullable Object value) {
		return (value instanceof String text) ? text : null;
	}

	private static @Nullable Instant instant(@Nullable Object value) {
		if (value instanceof Instant instant) {
			return instant;
		}
		if (value instanceof Number seconds) {
			return Instant.ofEpochSecond(seconds.longValue());
		}
		return null;
	}

}
