package io.saasstack.test;

import java.security.SecureRandom;
import java.util.function.Consumer;

import io.saasstack.auth.local.LocalMachineToken;
import io.saasstack.auth.local.LocalToken;
import io.saasstack.auth.local.LocalTokenIssuer;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.util.Assert;

/**
 * Tokens the application under test accepts, shaped for its auth provider (Clerk session
 * tokens, Supabase access tokens whose user ids are UUIDs, or local development tokens), from
 * {@link AutoConfigureSaasStack}:
 * <pre class="code">
 * mvc.perform(get("/me").header("Authorization", tokens.bearer("user_1")));
 * mvc.perform(get("/me").with(SaasMockMvc.user("user_1")));
 * client.get().uri("/me").headers(tokens.headers(LocalToken.user("user_1").email("ada@example.com").build()));
 * </pre>
 * With Clerk, it also mints machine tokens for the chains that accept them
 * ({@code saas.auth.clerk.accepted-token-types}): M2M and OAuth JWTs, verified without network,
 * and in WireMock mode opaque API keys, M2M and OAuth tokens that the stubbed Backend API answers
 * as valid (any other opaque token gets Clerk's 404):
 * <pre class="code">
 * mvc.perform(get("/api/reports").header("Authorization", "Bearer " + tokens.m2m("mch_nightly", "reports:read")));
 * mvc.perform(get("/api/reports").header("Authorization", "Bearer " + tokens.apiKey("user_1", "reports:read")));
 * </pre>
 *
 * @since 0.1.0
 */
public final class SaasTestTokens {

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final char[] ALPHANUMERIC = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

	private final LocalTokenIssuer issuer;

	private final @Nullable MachineTokenStubs machineTokenStubs;

	public SaasTestTokens(LocalTokenIssuer issuer) {
		this(issuer, null);
	}

	SaasTestTokens(LocalTokenIssuer issuer, @Nullable MachineTokenStubs machineTokenStubs) {
		Assert.notNull(issuer, "issuer must not be null");
		this.issuer = issuer;
		this.machineTokenStubs = machineTokenStubs;
	}

	/** The issuer behind the tokens, for example to mint expired ones with {@code withClock}. */
	public LocalTokenIssuer issuer() {
		return this.issuer;
	}

	/** A token of the given user. */
	public String token(String userId) {
		return this.issuer.issue(userId);
	}

	/** A token with the given content. */
	public String token(LocalToken token) {
		return this.issuer.issue(token);
	}

	/** The {@code Authorization} header value of a token of the given user: {@code Bearer <token>}. */
	public String bearer(String userId) {
		return "Bearer " + token(userId);
	}

	/** The {@code Authorization} header value of a token with the given content. */
	public String bearer(LocalToken token) {
		return "Bearer " + token(token);
	}

	/** Sets the {@code Authorization} header, for {@code WebTestClient} and {@code RestClient} requests. */
	public Consumer<HttpHeaders> headers(String userId) {
		String bearer = bearer(userId);
		return (headers) -> headers.set(HttpHeaders.AUTHORIZATION, bearer);
	}

	/** Sets the {@code Authorization} header with a token of the given content. */
	public Consumer<HttpHeaders> headers(LocalToken token) {
		String bearer = bearer(token);
		return (headers) -> headers.set(HttpHeaders.AUTHORIZATION, bearer);
	}

	/** An M2M token (JWT) of the given machine ({@code mch_...}) with the given scopes. */
	public String m2m(String machineId, String... scopes) {
		return machine(LocalMachineToken.m2m(machineId).scopes(scopes).build());
	}

	/** An OAuth access token (JWT, {@code at+jwt}) of the given user with the given scopes. */
	public String oauth(String userId, String... scopes) {
		return machine(LocalMachineToken.oauth(userId).scopes(scopes).build());
	}

	/** An M2M or OAuth token in JWT form with the given content. */
	public String machine(LocalMachineToken token) {
		return this.issuer.issue(token);
	}

	/**
	 * An API key ({@code ak_...}) of the given user or organization with the given scopes,
	 * answered as valid by the WireMock Backend API.
	 * @throws IllegalStateException outside WireMock mode: API keys are verified by Clerk
	 */
	public String apiKey(String ownerId, String... scopes) {
		return opaque(LocalMachineToken.apiKey(ownerId).scopes(scopes).build());
	}

	/**
	 * An opaque machine token ({@code ak_...}, {@code mt_...} or {@code oat_...}) with the given
	 * content, answered as valid by the WireMock Backend API.
	 * @throws IllegalStateException outside WireMock mode: opaque tokens are verified by Clerk
	 */
	public String opaque(LocalMachineToken token) {
		Assert.notNull(token, "token must not be null");
		Assert.state(this.machineTokenStubs != null,
				"Opaque machine tokens are verified by Clerk's Backend API: use @AutoConfigureSaasStack(wireMock = true) "
						+ "with Clerk, or a JWT form (m2m(...), oauth(...))");
		String prefix = switch (token.type()) {
			case API_KEY -> "ak_";
			case M2M_TOKEN -> "mt_";
			case OAUTH_TOKEN -> "oat_";
			case SESSION_TOKEN -> throw new IllegalArgumentException("not a machine token");
		};
		String value = prefix + random(32);
		this.machineTokenStubs.stub(value, token);
		return value;
	}

	private static String random(int length) {
		char[] chars = new char[length];
		for (int i = 0; i < length; i++) {
			chars[i] = ALPHANUMERIC[RANDOM.nextInt(ALPHANUMERIC.length)];
		}
		return new String(chars);
	}

	@Override
	public String toString() {
		return "SaasTestTokens[" + this.issuer + "]";
	}

}
