package io.saasstack.auth.supabase;

import java.text.ParseException;
import java.time.Duration;
import java.util.Collections;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.RemoteKeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.JWTProcessor;
import io.saasstack.auth.security.ParsedJwtDecoder;
import io.saasstack.auth.security.ParsedSignedJwt;
import org.jspecify.annotations.Nullable;
import reactor.core.Exceptions;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.util.Assert;

/**
 * Decodes and verifies Supabase access tokens for servlet applications, as described in
 * {@link SupabaseJwtVerifier}: what a {@link NimbusJwtDecoder} does, on the token parsed once (see
 * {@link ParsedSignedJwt}), with a key selection that fetches the JWKS when needed, blocking the
 * calling thread for at most the client's timeouts.
 * <p>
 * Failures: a token that is malformed, uses another algorithm, names an unknown key or has a bad
 * signature is a {@link BadJwtException}; a token whose claims fail validation a
 * {@link JwtValidationException} (both mean 401); a JWKS that cannot be fetched is a plain
 * {@link JwtException}, so Spring Security reports a server-side failure rather than a bad
 * token.
 *
 * @since 0.1.0
 */
public final class SupabaseJwtDecoder implements JwtDecoder {

	private final SupabaseJwtVerifier verifier;

	private final ParsedJwtDecoder delegate;

	public SupabaseJwtDecoder(SupabaseJwtVerifier verifier) {
		Assert.notNull(verifier, "verifier must not be null");
		this.verifier = verifier;
		this.delegate = new ParsedJwtDecoder(new Processor(verifier),
				MappedJwtClaimSetConverter.withDefaults(Collections.emptyMap()));
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		SupabaseJwtVerifier.checkForm(token);
		Jwt jwt = this.delegate.decode(token, read(token), null);
		return ParsedJwtDecoder.validated(jwt, this.verifier.validator().validate(jwt));
	}

	/** The token parsed, or null for the decoder to report why it does not parse. */
	private static @Nullable JWT read(String token) {
		try {
			return ParsedSignedJwt.read(token);
		}
		catch (ParseException | RuntimeException ex) {
			return null;
		}
	}

	@Override
	public String toString() {
		return "SupabaseJwtDecoder[" + this.verifier + "]";
	}

	/** Verifies signed tokens; {@link ParsedJwtDecoder} maps the exceptions (see the class Javadoc). */
	private static final class Processor implements JWTProcessor<SecurityContext> {

		// the client bounds each attempt; this only guards against a misconfigured client
		private static final Duration MAX_WAIT = Duration.ofMinutes(2);

		private final SupabaseJwtVerifier verifier;

		Processor(SupabaseJwtVerifier verifier) {
			this.verifier = verifier;
		}

		@Override
		public JWTClaimsSet process(String token, SecurityContext context)
				throws ParseException, BadJOSEException, JOSEException {
			return process(JWTParser.parse(token), context);
		}

		@Override
		public JWTClaimsSet process(JWT jwt, SecurityContext context) throws BadJOSEException, JOSEException {
			if (jwt instanceof SignedJWT signed) {
				return process(signed, context);
			}
			throw new BadJOSEException("Unsupported algorithm of " + jwt.getHeader().getAlgorithm());
		}

		@Override
		public JWTClaimsSet process(PlainJWT jwt, SecurityContext context) throws BadJOSEException {
			throw new BadJOSEException("Unsupported algorithm of none");
		}

		@Override
		public JWTClaimsSet process(EncryptedJWT jwt, SecurityContext context) throws BadJOSEException {
			throw new BadJOSEException("Encrypted tokens are not Supabase access tokens");
		}

		@Override
		public JWTClaimsSet process(SignedJWT jwt, SecurityContext context) throws BadJOSEException, JOSEException {
			List<JWK> keys;
			try {
				keys = this.verifier.keys(jwt).block(MAX_WAIT);
			}
			catch (RuntimeException ex) {
				Throwable cause = Exceptions.unwrap(ex);
				if (cause instanceof BadJOSEException bad) {
					throw bad;
				}
				if (cause instanceof RemoteKeySourceException remote) {
					throw remote;
				}
				throw new RemoteKeySourceException("Could not fetch the Supabase JWKS: " + cause.getMessage(), cause);
			}
			Assert.state(keys != null, "no keys");
			return this.verifier.verify(jwt, keys);
		}

	}

}
