package io.saasstack.test;

import java.util.function.Consumer;

import io.saasstack.auth.local.LocalToken;
import io.saasstack.auth.local.LocalTokenIssuer;

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
 *
 * @since 0.1.0
 */
public final class SaasTestTokens {

	private final LocalTokenIssuer issuer;

	public SaasTestTokens(LocalTokenIssuer issuer) {
		Assert.notNull(issuer, "issuer must not be null");
		this.issuer = issuer;
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

	@Override
	public String toString() {
		return "SaasTestTokens[" + this.issuer + "]";
	}

}
