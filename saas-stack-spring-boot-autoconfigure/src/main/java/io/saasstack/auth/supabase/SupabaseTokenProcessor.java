package io.saasstack.auth.supabase;

import java.text.ParseException;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWKSecurityContext;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.JWTProcessor;
import org.jspecify.annotations.Nullable;

/**
 * Verifies a signed token with the keys found for it beforehand, given as a
 * {@link JWKSecurityContext}: the network is never called from here, so that the servlet and the
 * reactive decoders share it.
 */
final class SupabaseTokenProcessor implements JWTProcessor<SecurityContext> {

	private final SupabaseJwtVerifier verifier;

	SupabaseTokenProcessor(SupabaseJwtVerifier verifier) {
		this.verifier = verifier;
	}

	@Override
	public JWTClaimsSet process(String token, @Nullable SecurityContext context)
			throws ParseException, BadJOSEException, JOSEException {
		return process(JWTParser.parse(token), context);
	}

	@Override
	public JWTClaimsSet process(JWT jwt, @Nullable SecurityContext context) throws BadJOSEException, JOSEException {
		if (jwt instanceof SignedJWT signed) {
			return process(signed, context);
		}
		throw new BadJOSEException("Unsupported algorithm of " + jwt.getHeader().getAlgorithm());
	}

	@Override
	public JWTClaimsSet process(PlainJWT jwt, @Nullable SecurityContext context) throws BadJOSEException {
		throw new BadJOSEException("Unsupported algorithm of none");
	}

	@Override
	public JWTClaimsSet process(EncryptedJWT jwt, @Nullable SecurityContext context) throws BadJOSEException {
		throw new BadJOSEException("Encrypted tokens are not Supabase access tokens");
	}

	@Override
	public JWTClaimsSet process(SignedJWT jwt, @Nullable SecurityContext context)
			throws BadJOSEException, JOSEException {
		List<com.nimbusds.jose.jwk.JWK> keys = (context instanceof JWKSecurityContext found) ? found.getKeys() : List.of();
		return this.verifier.verify(jwt, keys);
	}

}
