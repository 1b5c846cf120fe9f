package io.saasstack.auth.supabase;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.RemoteKeySourceException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.util.Assert;

/**
 * Decodes and verifies Supabase access tokens for reactive applications, as described in
 * {@link SupabaseJwtVerifier}: a {@link NimbusReactiveJwtDecoder} whose keys come from the
 * verifier's JWKS cache without blocking. Failures are those of {@link SupabaseJwtDecoder}:
 * {@link BadJwtException} for a bad token, {@link JwtValidationException} for bad claims, a plain
 * {@link JwtException} when the JWKS cannot be fetched.
 *
 * @since 0.1.0
 */
public final class ReactiveSupabaseJwtDecoder implements ReactiveJwtDecoder {

	private final SupabaseJwtVerifier verifier;

	private final NimbusReactiveJwtDecoder delegate;

	public ReactiveSupabaseJwtDecoder(SupabaseJwtVerifier verifier) {
		Assert.notNull(verifier, "verifier must not be null");
		this.verifier = verifier;
		this.delegate = new NimbusReactiveJwtDecoder(this::process);
		this.delegate.setJwtValidator(verifier.validator());
	}

	@Override
	public Mono<Jwt> decode(String token) throws JwtException {
		return Mono.defer(() -> {
			SupabaseJwtVerifier.checkForm(token);
			return this.delegate.decode(token);
		});
	}

	private Mono<JWTClaimsSet> process(JWT jwt) {
		if (!(jwt instanceof SignedJWT signed)) {
			return Mono.error(new BadJwtException("Unsupported algorithm of " + jwt.getHeader().getAlgorithm()));
		}
		return this.verifier.keys(signed)
			.map((keys) -> {
				try {
					return this.verifier.verify(signed, keys);
				}
				catch (BadJOSEException ex) {
					throw new BadJwtException(SupabaseJwtVerifier.DECODING_ERROR + ex.getMessage(), ex);
				}
				catch (JOSEException ex) {
					throw new JwtException(SupabaseJwtVerifier.DECODING_ERROR + ex.getMessage(), ex);
				}
			})
			.onErrorMap((ex) -> !(ex instanceof JwtException), (ex) -> (ex instanceof RemoteKeySourceException)
					? new JwtException(SupabaseJwtVerifier.DECODING_ERROR + ex.getMessage(), ex)
					: new BadJwtException(SupabaseJwtVerifier.DECODING_ERROR + ex.getMessage(), ex));
	}

	@Override
	public String toString() {
		return "ReactiveSupabaseJwtDecoder[" + this.verifier + "]";
	}

}
