package io.saasstack.console;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.saasstack.auth.local.LocalToken;
import io.saasstack.auth.local.LocalTokenIssuer;
import io.saasstack.core.SaasJson;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;

/**
 * Mints local tokens: {@code POST /api/tokens} with a JSON object ({@code user}, {@code email},
 * {@code org}, {@code role}, {@code permissions}, {@code lifetimeMinutes}); answers the token, its
 * decoded header and claims and when it expires. Only JSON is accepted, so that a page of another
 * site cannot post the form (a cross-site JSON post needs a CORS preflight the console never
 * grants).
 */
final class TokensSection {

	/** The longest lifetime the form accepts: a day. */
	private static final long MAX_LIFETIME_MINUTES = 24 * 60;

	private final LocalTokenIssuer issuer;

	TokensSection(LocalTokenIssuer issuer) {
		this.issuer = issuer;
	}

	ConsoleResponse handle(ConsoleRequest request) {
		if (!request.method().equals("POST")) {
			return ConsoleResponse.error(405, "POST a JSON object to mint a token");
		}
		if (request.contentType() == null || !request.contentType().toLowerCase().startsWith("application/json")) {
			return ConsoleResponse.error(415, "Send the form as application/json");
		}
		Map<String, Object> form;
		try {
			form = SaasJson.mapper().readValue(request.body(), Map.class);
		}
		catch (JacksonException | ClassCastException ex) {
			return ConsoleResponse.error(400, "The body is not a JSON object");
		}
		try {
			return ConsoleResponse.json(mint(form));
		}
		catch (IllegalArgumentException ex) {
			return ConsoleResponse.error(400, ex.getMessage());
		}
	}

	private Map<String, Object> mint(Map<String, Object> form) {
		String user = text(form, "user");
		if (user == null) {
			throw new IllegalArgumentException("user is required, for example user_ada");
		}
		long minutes = lifetime(form.get("lifetimeMinutes"));
		LocalToken.Builder token = LocalToken.user(user).email(text(form, "email")).expiresIn(Duration.ofMinutes(minutes));
		String org = text(form, "org");
		String role = text(form, "role");
		List<String> permissions = permissions(form.get("permissions"));
		if (org != null) {
			token.organization(org, org, (role != null) ? role : "org:member", permissions.toArray(String[]::new));
		}
		else if (!permissions.isEmpty()) {
			throw new IllegalArgumentException("Permissions belong to an organisation: set org too");
		}
		else {
			token.role(role);
		}
		String jwt = this.issuer.issue(token.build());
		String[] parts = jwt.split("\\.");
		Map<String, Object> minted = new LinkedHashMap<>();
		minted.put("token", jwt);
		minted.put("header", decode(parts[0]));
		Map<String, Object> claims = decode(parts[1]);
		minted.put("claims", claims);
		if (claims.get("exp") instanceof Number exp) {
			minted.put("expiresAt", Instant.ofEpochSecond(exp.longValue()).toString());
		}
		return minted;
	}

	private static long lifetime(@Nullable Object value) {
		if (value == null || value.toString().isBlank()) {
			return 60;
		}
		long minutes;
		try {
			minutes = Long.parseLong(value.toString().strip());
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("lifetimeMinutes must be a number of minutes");
		}
		if (minutes < 1 || minutes > MAX_LIFETIME_MINUTES) {
			throw new IllegalArgumentException("lifetimeMinutes must be between 1 and " + MAX_LIFETIME_MINUTES);
		}
		return minutes;
	}

	private static List<String> permissions(@Nullable Object value) {
		List<String> permissions = new ArrayList<>();
		if (value instanceof List<?> list) {
			list.forEach((item) -> permissions.add(String.valueOf(item).strip()));
		}
		else if (value != null) {
			for (String item : value.toString().split("[,\\s]+")) {
				permissions.add(item.strip());
			}
		}
		permissions.removeIf(String::isEmpty);
		return permissions;
	}

	private static @Nullable String text(Map<String, Object> form, String name) {
		Object value = form.get(name);
		return (value != null && !value.toString().isBlank()) ? value.toString().strip() : null;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> decode(String part) {
		return SaasJson.mapper().readValue(new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8),
				Map.class);
	}

}
