package io.saasstack.auth.local;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.saasstack.auth.SaasTokenType;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * What a Clerk machine token minted for tests carries: an M2M token of a machine, an OAuth
 * access token of a user, or an API key. Built with
 * {@code LocalMachineToken.m2m("mch_reports").scopes("reports:read").build()}; the JWT forms are
 * signed by {@link LocalTokenIssuer#issue(LocalMachineToken)}, the opaque forms answered by the
 * test kit's WireMock stubs.
 *
 * @param type {@link SaasTokenType#M2M_TOKEN}, {@link SaasTokenType#OAUTH_TOKEN} or
 * {@link SaasTokenType#API_KEY}
 * @param subject the machine ({@code mch_...}) of an M2M token, the user of an OAuth token, the
 * user or organization owning an API key
 * @param scopes the scopes, the authorities {@code SCOPE_<scope>} of the principal
 * @param clientId the OAuth application's client id (OAuth tokens only)
 * @param name the API key's name (API keys only)
 * @param claims custom claims
 * @param expiresIn the lifetime, or null for the issuer's (JWTs) or none (opaque tokens)
 * @since 0.1.0
 */
public record LocalMachineToken(SaasTokenType type, String subject, List<String> scopes, @Nullable String clientId,
		@Nullable String name, Map<String, Object> claims, @Nullable Duration expiresIn) {

	/** The prefix of Clerk's machine ids, the subject of M2M tokens. */
	public static final String MACHINE_PREFIX = "mch_";

	public LocalMachineToken {
		Assert.notNull(type, "type must not be null");
		Assert.isTrue(type.isMachine(), "type must be a machine token type");
		Assert.hasText(subject, "subject must not be empty");
		Assert.isTrue(type != SaasTokenType.M2M_TOKEN || subject.startsWith(MACHINE_PREFIX),
				() -> "The subject of an M2M token is a machine id (mch_...), not '" + subject + "'");
		Assert.isTrue(expiresIn == null || (!expiresIn.isNegative() && !expiresIn.isZero()),
				"expiresIn must be positive (for an expired token, give the issuer a clock in the past)");
		scopes = List.copyOf(scopes);
		claims = Collections.unmodifiableMap(new LinkedHashMap<>(claims));
	}

	/** Starts an M2M token of the given machine ({@code mch_...}). */
	public static Builder m2m(String machineId) {
		return new Builder(SaasTokenType.M2M_TOKEN, machineId);
	}

	/** Starts an OAuth access token of the given user. */
	public static Builder oauth(String userId) {
		return new Builder(SaasTokenType.OAUTH_TOKEN, userId).clientId("client_local");
	}

	/** Starts an API key of the given user or organization. */
	public static Builder apiKey(String ownerId) {
		return new Builder(SaasTokenType.API_KEY, ownerId).name("local");
	}

	/**
	 * Builder of a {@link LocalMachineToken}.
	 */
	public static final class Builder {

		private final SaasTokenType type;

		private final String subject;

		private List<String> scopes = List.of();

		private @Nullable String clientId;

		private @Nullable String name;

		private final Map<String, Object> claims = new LinkedHashMap<>();

		private @Nullable Duration expiresIn;

		private Builder(SaasTokenType type, String subject) {
			this.type = type;
			this.subject = subject;
		}

		/** The scopes. */
		public Builder scopes(String... scopes) {
			this.scopes = List.of(scopes);
			return this;
		}

		/** The OAuth application's client id. */
		public Builder clientId(@Nullable String clientId) {
			this.clientId = clientId;
			return this;
		}

		/** The API key's name. */
		public Builder name(@Nullable String name) {
			this.name = name;
			return this;
		}

		/** Adds a custom claim. */
		public Builder claim(String name, Object value) {
			Assert.hasText(name, "name must not be empty");
			this.claims.put(name, value);
			return this;
		}

		/** The lifetime of the token. */
		public Builder expiresIn(@Nullable Duration expiresIn) {
			this.expiresIn = expiresIn;
			return this;
		}

		public LocalMachineToken build() {
			return new LocalMachineToken(this.type, this.subject, this.scopes, this.clientId, this.name, this.claims,
					this.expiresIn);
		}

	}

}
