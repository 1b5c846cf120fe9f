package io.saasstack.auth.supabase;

import java.time.Duration;
import java.util.List;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.SignedJWT;
import io.saasstack.auth.security.ParsedSignedJwt;
import io.saasstack.auth.security.SaasTokenException;
import io.saasstack.core.BlockingCalls;
import reactor.core.Exceptions;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.util.Assert;

/**
 * Decodes and verifies Supabase access tokens for servlet applications, as described in
 * {@link SupabaseJwtVerifier}: what a {@link NimbusJwtDecoder} does, on the token parsed once (see
 * {@link ParsedSignedJwt}), with a key selection that fetches the JWKS when needed, blocking the
 * calling thread for at most the key set's timeout.
 * <p>
 * Failures, all meaning 401: a token that is malformed, uses another algorithm, names an unknown
 * key or has a bad signature is a {@link BadJwtException}; a token whose claims fail validation a
 * {@link JwtValidationException}; a token that needs a key set that cannot be fetched a
 * {@link SaasTokenException} of category {@code KEY_SET_UNAVAILABLE} (the token cannot be
 * checked, so the request is not authenticated, as {@code @clerk/backend} signs it out).
 *
 * @since 0.1.0
 */
public final class SupabaseJwtDecoder implements JwtDecoder {

	// the key set's own timeout bounds the wait; this only guards against a misconfigured one
	private static final Duration MAX_WAIT = Duration.ofMinutes(2);

	private final SupabaseJwtVerifier verifier;

	public SupabaseJwtDecoder(SupabaseJwtVerifier verifier) {
		Assert.notNull(verifier, "verifier must not be null");
		this.verifier = verifier;
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		BlockingCalls.requireBlockingAllowed("SupabaseJwtDecoder.decode", "ReactiveSupabaseJwtDecoder");
		Jwt verified = this.verifier.verifiedLately(token);
		if (verified != null) {
			return verified;
		}
		JWT parsed = this.verifier.parse(token);
		List<JWK> keys = (parsed instanceof SignedJWT signed) ? keys(signed) : List.of();
		return this.verifier.decode(token, parsed, keys);
	}

	private List<JWK> keys(SignedJWT jwt) {
		List<JWK> keys;
		try {
			keys = this.verifier.keys(jwt).block(MAX_WAIT);
		}
		catch (RuntimeException ex) {
			throw SupabaseJwtVerifier.keyFailure(Exceptions.unwrap(ex));
		}
		Assert.state(keys != null, "no keys");
		return keys;
	}

	@Override
	public String toString() {
		return "SupabaseJwtDecoder[" + this.verifier + "]";
	}

}
