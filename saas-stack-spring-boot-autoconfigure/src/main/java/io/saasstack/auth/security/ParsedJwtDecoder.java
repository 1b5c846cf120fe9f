package io.saasstack.auth.security;

import java.text.ParseException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.RemoteKeySourceException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.proc.JWTProcessor;
import org.jspecify.annotations.Nullable;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.util.StringUtils;

/**
 * The steps of {@link NimbusJwtDecoder#decode(String)} that follow the parsing, for a token that a
 * provider's verifier has already parsed for its own checks (see {@link ParsedSignedJwt}), so that
 * it is not parsed again: the signature by the Nimbus {@link JWTProcessor}, then Spring's
 * {@link Jwt} of the headers and converted claims, then the validation. Failures are the
 * exceptions, with the messages, that {@link NimbusJwtDecoder} throws.
 *
 * @since 0.1.0
 */
public final class ParsedJwtDecoder {

	private static final String DECODING_ERROR = "An error occurred while attempting to decode the Jwt: %s";

	private final JWTProcessor<SecurityContext> processor;

	private final Converter<Map<String, Object>, Map<String, Object>> claimSetConverter;

	/**
	 * @param processor verifies the signature and returns the claims set
	 * @param claimSetConverter converts the claims for the {@link Jwt}, as
	 * {@link NimbusJwtDecoder#setClaimSetConverter} does
	 */
	public ParsedJwtDecoder(JWTProcessor<SecurityContext> processor,
			Converter<Map<String, Object>, Map<String, Object>> claimSetConverter) {
		this.processor = processor;
		this.claimSetConverter = claimSetConverter;
	}

	/**
	 * Verifies the signature and builds the {@link Jwt}, not validated yet (see
	 * {@link #validated}).
	 * @param token the token as received
	 * @param parsed the token as parsed, or null when it did not parse (it is then parsed again,
	 * for the error)
	 * @param context given to the processor
	 */
	public Jwt decode(String token, @Nullable JWT parsed, @Nullable SecurityContext context) throws JwtException {
		JWT jwt = (parsed != null) ? parsed : parse(token);
		if (jwt instanceof PlainJWT) {
			throw new SaasTokenException(TokenFailure.SIGNATURE,
					"Unsupported algorithm of " + jwt.getHeader().getAlgorithm());
		}
		try {
			JWTClaimsSet claimsSet = this.processor.process(jwt, context);
			Map<String, Object> headers = new LinkedHashMap<>(jwt.getHeader().toJSONObject());
			Map<String, Object> claims = this.claimSetConverter.convert(claimsSet.getClaims());
			return Jwt.withTokenValue(token)
				.headers((all) -> all.putAll(headers))
				.claims((all) -> all.putAll(claims))
				.build();
		}
		catch (RemoteKeySourceException ex) {
			String message = (ex.getCause() instanceof ParseException) ? "Malformed Jwk set" : ex.getMessage();
			throw new JwtException(String.format(DECODING_ERROR, message), ex);
		}
		catch (JOSEException ex) {
			throw new JwtException(String.format(DECODING_ERROR, ex.getMessage()), ex);
		}
		catch (Exception ex) {
			if (ex.getCause() instanceof ParseException) {
				throw new BadJwtException(String.format(DECODING_ERROR, "Malformed payload"), ex);
			}
			throw new BadJwtException(String.format(DECODING_ERROR, ex.getMessage()), ex);
		}
	}

	/** The token if the validation succeeded, else a {@link JwtValidationException} of its errors. */
	public static Jwt validated(Jwt jwt, OAuth2TokenValidatorResult result) throws JwtValidationException {
		if (!result.hasErrors()) {
			return jwt;
		}
		Collection<OAuth2Error> errors = result.getErrors();
		for (OAuth2Error error : errors) {
			if (StringUtils.hasLength(error.getDescription())) {
				throw new JwtValidationException(String.format(DECODING_ERROR, error.getDescription()), errors);
			}
		}
		throw new JwtValidationException("Unable to validate Jwt", errors);
	}

	private static JWT parse(String token) {
		try {
			return JWTParser.parse(token);
		}
		catch (Exception ex) {
			// as NimbusJwtDecoder: the parser's message may quote the token
			throw new BadJwtException(String.format(DECODING_ERROR, "Malformed token"), ex);
		}
	}

}
