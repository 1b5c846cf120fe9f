package io.saasstack.auth.security;

import java.text.ParseException;
import java.util.Map;

import com.nimbusds.jose.Header;
import com.nimbusds.jose.JOSEObject;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import org.jspecify.annotations.Nullable;

/**
 * A signed JWT whose payload is parsed once, for both the claims as sent and the Nimbus claims set
 * that the signature check reads ({@link SignedJWT} parses the payload again for its claims set,
 * about a tenth of the time of a verification). The claims as sent are what the checks of
 * {@link JwtForm} and the Clerk validators need: Nimbus turns a numeric {@code sub} into a string,
 * a string {@code aud} into a list and a time claim into a date, wrapping around huge values.
 *
 * @since 0.1.0
 */
public final class ParsedSignedJwt extends SignedJWT {

	private static final long serialVersionUID = 1L;

	private transient boolean payloadRead;

	private transient @Nullable Map<String, Object> sent;

	private transient @Nullable JWTClaimsSet claims;

	private ParsedSignedJwt(Base64URL header, Base64URL payload, Base64URL signature) throws ParseException {
		super(header, payload, signature);
	}

	/**
	 * Parses a token as {@link JWTParser#parse(String)} does, with the same failures; signed
	 * tokens as a {@link ParsedSignedJwt}.
	 */
	public static JWT read(String token) throws ParseException {
		int dot = token.indexOf('.');
		if (dot == -1) {
			return JWTParser.parse(token);
		}
		Map<String, Object> header;
		try {
			header = JSONObjectUtils.parse(new Base64URL(token.substring(0, dot)).decodeToString());
		}
		catch (ParseException ex) {
			return JWTParser.parse(token);
		}
		if (!(Header.parseAlgorithm(header) instanceof JWSAlgorithm)) {
			return JWTParser.parse(token);
		}
		Base64URL[] parts = JOSEObject.split(token);
		if (parts.length != 3) {
			throw new ParseException("Unexpected number of Base64URL parts, must be three", 0);
		}
		return new ParsedSignedJwt(parts[0], parts[1], parts[2]);
	}

	/** The payload as sent, or null when it is not a JSON object. */
	public @Nullable Map<String, Object> sentClaims() {
		if (!this.payloadRead) {
			this.sent = getPayload().toJSONObject();
			this.payloadRead = true;
		}
		return this.sent;
	}

	@Override
	public JWTClaimsSet getJWTClaimsSet() throws ParseException {
		if (this.claims == null) {
			Map<String, Object> sent = sentClaims();
			if (sent == null) {
				throw new ParseException("Payload of JWS object is not a valid JSON object", 0);
			}
			this.claims = JWTClaimsSet.parse(sent);
		}
		return this.claims;
	}

	@Override
	protected void setPayload(Payload payload) {
		this.payloadRead = false;
		this.sent = null;
		this.claims = null;
		super.setPayload(payload);
	}

}
