package io.saasstack.reliability;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

/**
 * A deterministic corpus of malformed and hostile tokens aimed at one token issuer: every token
 * must be refused. The mutations come from a {@link Random} with a fixed seed; the keys are
 * generated per run, so the exact bytes differ but the corpus shape and size never do.
 * <p>
 * Tokens are built from raw JSON strings (header and payload), so that duplicate keys, deep
 * nesting and wrong types can be expressed, and signed with the issuer's real key whenever the
 * point is to get past the signature (claims of the wrong type, expired, {@code crit}).
 */
final class HostileTokens {

	static final long SEED = 20260509L;

	/**
	 * Tokens the issuer really signed whose odd values (empty, null, or provider claims of the
	 * wrong type) the application may tolerate: 200 or 401, never a server error.
	 */
	static final String SIGNED_ODD_CLAIMS = "signed-odd-claims";

	/**
	 * A valid token with blanks around it, which RFC 6750 allows after the scheme and HTTP trims
	 * at the end of a field: 200 or 401.
	 */
	static final String WHITESPACE_AROUND = "whitespace-around";

	/** The shape of a signed token with a well-formed claim of 200,001 numbers. */
	static final String BIG_CLAIM = "x=[1,1,…] (200,001 numbers)";

	/** The categories whose tokens may be accepted. */
	static final java.util.Set<String> TOLERATED = java.util.Set.of(SIGNED_ODD_CLAIMS, WHITESPACE_AROUND);

	/** Random edits of a valid token, most of the corpus. */
	static final int MUTATIONS = 9000;

	private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

	private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

	private static final String[] ODD_CHARS = { "=", "==", " ", "\t", "\n", "\r\n", "+", "/", "%", ".", "\u0000",
			"\u00e9", "\u200b", "\ufeff", "\ud83d\ude00", "\uff21", "\u0661", "\\", "\"", "*", "~", "\u00a0" };

	private static final RSAKey ATTACKER_RSA = rsaKey("attacker-rsa");

	private static final ECKey ATTACKER_EC = ecKey("attacker-ec");

	private final Issuer issuer;

	private final Random random = new Random(SEED);

	private final List<HostileToken> tokens = new ArrayList<>();

	private HostileTokens(Issuer issuer) {
		this.issuer = issuer;
	}

	/** The corpus for an issuer. */
	static List<HostileToken> corpus(Issuer issuer) {
		HostileTokens generator = new HostileTokens(issuer);
		generator.generate();
		return List.copyOf(generator.tokens);
	}

	/** The number of tokens of each category, in generation order. */
	static Map<String, Integer> countByCategory(List<HostileToken> tokens) {
		Map<String, Integer> counts = new LinkedHashMap<>();
		tokens.forEach((token) -> counts.merge(token.category(), 1, Integer::sum));
		return counts;
	}

	private void generate() {
		String valid = this.issuer.valid();
		truncated(valid);
		mutated(valid);
		algorithms();
		huge();
		keyIds();
		badBase64(valid);
		segments(valid);
		jsonBombs();
		claimTypes();
		times();
		critical();
		embeddedKeys();
		nullBytes(valid);
		injection(valid);
		notJwts();
		this.issuer.extra().forEach((name, token) -> add("provider-specific", token));
	}

	private void add(String category, String token) {
		this.tokens.add(new HostileToken(category, token));
	}

	/** A token of a category whose tokens may be accepted, with the name of its shape. */
	private void add(String category, String shape, String token) {
		this.tokens.add(new HostileToken(category, shape, token));
	}

	/** Every prefix of a valid token, from empty to one character short. */
	private void truncated(String valid) {
		for (int length = 0; length < valid.length(); length++) {
			add("truncated", valid.substring(0, length));
		}
		// and the token minus one character at each end of each segment
		String[] parts = valid.split("\\.", -1);
		for (int i = 0; i < parts.length; i++) {
			String[] copy = parts.clone();
			copy[i] = parts[i].substring(1);
			add("truncated", String.join(".", copy));
			copy[i] = parts[i].substring(0, parts[i].length() - 1);
			add("truncated", String.join(".", copy));
			copy[i] = "";
			add("truncated", String.join(".", copy));
		}
	}

	/**
	 * Random single and multiple character edits of a valid token; an edit that leaves the
	 * decoded bytes unchanged (the unused low bits of a base64url segment's last character) is
	 * not a different token and is replaced by another.
	 */
	private void mutated(String valid) {
		String[] original = valid.split("\\.", -1);
		int made = 0;
		while (made < MUTATIONS) {
			StringBuilder token = new StringBuilder(valid);
			int edits = (made % 4 == 0) ? 1 + this.random.nextInt(8) : 1;
			for (int i = 0; i < edits; i++) {
				edit(token);
			}
			String mutated = token.toString();
			if (!mutated.equals(valid) && !sameBytes(original, mutated)) {
				add("mutated", mutated);
				made++;
			}
		}
	}

	private void edit(StringBuilder token) {
		int position = this.random.nextInt(token.length());
		char replacement = ALPHABET.charAt(this.random.nextInt(ALPHABET.length()));
		switch (this.random.nextInt(4)) {
			case 0 -> token.setCharAt(position, replacement);
			case 1 -> token.insert(position, replacement);
			case 2 -> token.deleteCharAt(position);
			default -> {
				int other = this.random.nextInt(token.length());
				char swapped = token.charAt(position);
				token.setCharAt(position, token.charAt(other));
				token.setCharAt(other, swapped);
			}
		}
	}

	private static boolean sameBytes(String[] original, String mutated) {
		String[] parts = mutated.split("\\.", -1);
		if (parts.length != original.length) {
			return false;
		}
		try {
			for (int i = 0; i < parts.length; i++) {
				if (!java.util.Arrays.equals(Base64.getUrlDecoder().decode(parts[i]),
						Base64.getUrlDecoder().decode(original[i]))) {
					return false;
				}
			}
			return true;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private void algorithms() {
		String claims = this.issuer.claims(Map.of());
		String kid = this.issuer.kid();
		for (String none : List.of("none", "None", "NONE", "nOnE")) {
			String header = "{\"alg\":\"" + none + "\",\"kid\":\"" + kid + "\",\"typ\":\"JWT\"}";
			add("alg", b64(header) + "." + b64(claims) + ".");
			add("alg", b64(header) + "." + b64(claims));
			add("alg", b64(header) + "." + b64(claims) + "." + b64("signature"));
		}
		add("alg", b64("{\"kid\":\"" + kid + "\",\"typ\":\"JWT\"}") + "." + b64(claims) + "." + b64("x"));
		add("alg", b64("{\"alg\":null,\"kid\":\"" + kid + "\"}") + "." + b64(claims) + "." + b64("x"));
		add("alg", b64("{\"alg\":256,\"kid\":\"" + kid + "\"}") + "." + b64(claims) + "." + b64("x"));
		add("alg", b64("{\"alg\":[\"RS256\"],\"kid\":\"" + kid + "\"}") + "." + b64(claims) + "." + b64("x"));
		add("alg", b64("{\"alg\":\"\",\"kid\":\"" + kid + "\"}") + "." + b64(claims) + "." + b64("x"));
		// key confusion: the public key, in each form it is published, as an HMAC secret
		for (byte[] secret : this.issuer.publicKeyForms()) {
			for (JWSAlgorithm hmac : List.of(JWSAlgorithm.HS256, JWSAlgorithm.HS384, JWSAlgorithm.HS512)) {
				if (secret.length * 8 >= minimumHmacBits(hmac)) {
					add("alg-confusion", signed(header(hmac.getName(), kid), claims, macSigner(secret), hmac));
					add("alg-confusion", signed(header(hmac.getName(), null), claims, macSigner(secret), hmac));
				}
			}
		}
		// a well-formed signature of another key, under the issuer's kid and under its own
		ECKey ec = ATTACKER_EC;
		RSAKey rsa = ATTACKER_RSA;
		for (String alg : List.of("RS256", "RS384", "RS512", "PS256")) {
			JWSAlgorithm algorithm = JWSAlgorithm.parse(alg);
			add("wrong-key", signed(header(alg, kid), claims, rsaSigner(rsa), algorithm));
			add("wrong-key", signed(header(alg, rsa.getKeyID()), claims, rsaSigner(rsa), algorithm));
		}
		add("wrong-key", signed(header("ES256", kid), claims, ecSigner(ec), JWSAlgorithm.ES256));
		add("wrong-key", signed(header("ES256", ec.getKeyID()), claims, ecSigner(ec), JWSAlgorithm.ES256));
		add("wrong-key", signed(header("HS256", kid), claims, macSigner(new byte[32]), JWSAlgorithm.HS256));
		add("wrong-key", signed(header("HS256", null), claims,
				macSigner("a-guessed-secret-of-at-least-32-bytes!".getBytes(StandardCharsets.UTF_8)), JWSAlgorithm.HS256));
		// the real signature under an algorithm the key cannot make
		String real = this.issuer.sign(header(this.issuer.algorithm(), kid), claims);
		String signature = real.substring(real.lastIndexOf('.') + 1);
		for (String alg : List.of("ES256", "ES384", "ES512", "RS256", "RS512", "PS256", "PS512", "EdDSA", "HS256",
				"RSA-OAEP", "dir", "ES256K", "rs256", "RS256 ", "RS2560")) {
			if (!alg.equals(this.issuer.algorithm())) {
				add("wrong-alg", b64(header(alg, kid)) + "." + b64(claims) + "." + signature);
			}
		}
	}

	private static int minimumHmacBits(JWSAlgorithm algorithm) {
		return Integer.parseInt(algorithm.getName().substring(2));
	}

	private void huge() {
		String kid = this.issuer.kid();
		String claims = this.issuer.claims(Map.of());
		String megabyte = "a".repeat(1024 * 1024);
		add("huge", megabyte);
		add("huge", b64(header(this.issuer.algorithm(), kid)) + "." + b64("{\"sub\":\"" + megabyte + "\"}") + "."
				+ b64("sig"));
		add("huge", b64(header(this.issuer.algorithm(), kid)) + "." + b64(claims) + "." + megabyte);
		add("huge", b64("{\"alg\":\"" + this.issuer.algorithm() + "\",\"kid\":\"" + kid + "\",\"x\":\""
				+ "h".repeat(10 * 1024 * 1024) + "\"}") + "." + b64(claims) + "." + b64("sig"));
		add("huge", b64(header(this.issuer.algorithm(), "k".repeat(1024 * 1024))) + "." + b64(claims) + "."
				+ b64("sig"));
		add("huge", ".".repeat(100_000));
	}

	private void keyIds() {
		String claims = this.issuer.claims(Map.of());
		String alg = this.issuer.algorithm();
		List<String> kids = new ArrayList<>(List.of("", " ", "unknown", this.issuer.kid() + "x",
				this.issuer.kid().toUpperCase(), "../../etc/passwd", "' OR 1=1 --", "${jndi:ldap://x/a}", "\u0000",
				this.issuer.kid() + "\u0000", "k\u00e9y", "\ud83d\udd11", "k".repeat(10_000)));
		for (int i = 0; i < 200; i++) {
			kids.add("forged-" + Long.toHexString(this.random.nextLong()));
		}
		// a signature of the real key under a kid the issuer does not have; an issuer with a single
		// key and no kid check (Clerk's jwt-key) gets another key's signature instead
		java.util.function.BiFunction<String, String, String> sign = this.issuer.keyIdChecked() ? this.issuer::sign
				: (header, payload) -> signed(header, payload, rsaSigner(ATTACKER_RSA), JWSAlgorithm.RS256);
		for (String kid : kids) {
			add("kid", sign.apply(header(alg, kid), claims));
		}
		add("kid", sign.apply("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}", claims));
		for (String value : List.of("null", "42", "true", "[\"" + this.issuer.kid() + "\"]",
				"{\"kid\":\"" + this.issuer.kid() + "\"}")) {
			add("kid", sign.apply("{\"alg\":\"" + alg + "\",\"kid\":" + value + "}", claims));
		}
		// duplicate kid: the parser must refuse the header rather than pick one
		add("kid", this.issuer.sign("{\"alg\":\"" + alg + "\",\"kid\":\"" + this.issuer.kid() + "\",\"kid\":\"unknown\"}",
				claims));
		add("kid", this.issuer.sign("{\"alg\":\"" + alg + "\",\"kid\":\"unknown\",\"kid\":\"" + this.issuer.kid() + "\"}",
				claims));
		add("kid", this.issuer.sign("{\"alg\":\"none\",\"kid\":\"" + this.issuer.kid() + "\",\"alg\":\"" + alg + "\"}",
				claims));
	}

	private void badBase64(String valid) {
		String[] parts = valid.split("\\.", -1);
		for (int part = 0; part < parts.length; part++) {
			for (String odd : ODD_CHARS) {
				for (int where = 0; where < 3; where++) {
					String[] copy = parts.clone();
					int at = switch (where) {
						case 0 -> 0;
						case 1 -> parts[part].length() / 2;
						default -> parts[part].length();
					};
					copy[part] = parts[part].substring(0, at) + odd + parts[part].substring(at);
					boolean outside = (part == 0 && at == 0) || (part == parts.length - 1 && at == parts[part].length());
					if (outside && odd.isBlank()) {
						add(WHITESPACE_AROUND, blankName(odd) + ((at == 0) ? " before" : " after"), String.join(".", copy));
					}
					else {
						add("bad-base64", String.join(".", copy));
					}
				}
			}
			String[] padded = parts.clone();
			padded[part] = Base64.getUrlEncoder().encodeToString(Base64.getUrlDecoder().decode(parts[part]));
			if (!padded[part].equals(parts[part])) {
				add("bad-base64", String.join(".", padded));
			}
			String[] standard = parts.clone();
			standard[part] = Base64.getEncoder().encodeToString(Base64.getUrlDecoder().decode(parts[part]));
			if (!standard[part].equals(parts[part]) && !standard[part].equals(padded[part])) {
				add("bad-base64", String.join(".", standard));
			}
			String[] mime = parts.clone();
			mime[part] = Base64.getMimeEncoder().encodeToString(Base64.getUrlDecoder().decode(parts[part]));
			if (!mime[part].equals(parts[part]) && !mime[part].equals(standard[part])) {
				add("bad-base64", String.join(".", mime));
			}
		}
		add("bad-base64", valid.replace('-', '+').replace('_', '/') + "x");
		add("bad-base64", "%" + valid);
		add("bad-base64", java.net.URLEncoder.encode(valid + "=", StandardCharsets.UTF_8));
	}

	private void segments(String valid) {
		String[] parts = valid.split("\\.", -1);
		add("segments", valid + ".");
		add("segments", valid + "." + parts[2]);
		add("segments", valid + ".." + parts[2]);
		add("segments", "." + valid);
		add("segments", parts[0] + "." + parts[1]);
		add("segments", parts[0] + ".." + parts[2]);
		add("segments", "." + parts[1] + "." + parts[2]);
		add("segments", parts[1] + "." + parts[0] + "." + parts[2]);
		add("segments", parts[0] + "." + parts[0] + "." + parts[2]);
		add("segments", parts[0] + "." + parts[1] + "." + parts[0]);
		add("segments", valid.replace(".", ".."));
		add("segments", valid.replace('.', ','));
		add("segments", valid + "," + valid);
		for (String dots : List.of(".", "..", "...", "....", "......")) {
			add("segments", dots);
		}
		// JWE-shaped: five parts, headers of encrypted tokens
		for (String header : List.of("{\"alg\":\"RSA-OAEP-256\",\"enc\":\"A256GCM\",\"kid\":\"" + this.issuer.kid() + "\"}",
				"{\"alg\":\"dir\",\"enc\":\"A128CBC-HS256\"}", "{\"alg\":\"PBES2-HS256+A128KW\",\"enc\":\"A128GCM\",\"p2c\":2147483647,\"p2s\":\"AAAAAAAAAAA\"}",
				"{\"alg\":\"ECDH-ES\",\"enc\":\"A256GCM\",\"epk\":{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"AA\",\"y\":\"AA\"}}",
				"{\"alg\":\"" + this.issuer.algorithm() + "\",\"enc\":\"A256GCM\"}")) {
			add("jwe", b64(header) + "." + b64("key") + "." + b64("iv-iv-iv-iv") + "." + b64("ciphertext") + "."
					+ b64("tag"));
			add("jwe", b64(header) + "...." );
			add("jwe", b64(header) + "." + parts[1] + "." + parts[2]);
		}
		// the valid token nested as the payload of an unsigned one
		add("jwe", b64("{\"alg\":\"none\",\"cty\":\"JWT\"}") + "." + b64(valid) + ".");
	}

	private void jsonBombs() {
		String alg = this.issuer.algorithm();
		String kid = this.issuer.kid();
		String claims = this.issuer.claims(Map.of());
		int depth = 100_000;
		String arrays = "[".repeat(depth) + "]".repeat(depth);
		String objects = "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
		add("json-bomb", b64("{\"alg\":\"" + alg + "\",\"kid\":\"" + kid + "\",\"x\":" + arrays + "}") + "." + b64(claims)
				+ "." + b64("sig"));
		add("json-bomb", b64("{\"alg\":\"" + alg + "\",\"kid\":\"" + kid + "\",\"x\":" + objects + "}") + "." + b64(claims)
				+ "." + b64("sig"));
		add("json-bomb", b64(header(alg, kid)) + "." + b64(arrays) + "." + b64("sig"));
		add("json-bomb", b64(header(alg, kid)) + "." + b64(objects) + "." + b64("sig"));
		add("json-bomb", b64(arrays) + "." + b64(claims) + "." + b64("sig"));
		// signed by the issuer's key: only the parser stands between the bomb and the claims
		add("json-bomb", this.issuer.sign(header(alg, kid), this.issuer.claims(Map.of("x", arrays))));
		add("json-bomb", this.issuer.sign(header(alg, kid), this.issuer.claims(Map.of("x", objects))));
		// big but well-formed: the issuer may sign what it likes
		add(SIGNED_ODD_CLAIMS, BIG_CLAIM, this.issuer.sign(header(alg, kid),
				this.issuer.claims(Map.of("x", "[" + "1,".repeat(200_000) + "1]"))));
		for (String number : List.of("1e400", "-1e400", "1" + "0".repeat(5000), "123456789012345678901234567890",
				"9223372036854775808", "-9223372036854775809", "1.7976931348623157e309", "0x10", "NaN", "Infinity",
				"1" + "0".repeat(1_000_000))) {
			add("json-bomb", this.issuer.sign(header(alg, kid), this.issuer.claims(Map.of("exp", number))));
			add("json-bomb", this.issuer.sign(header(alg, kid), this.issuer.claims(Map.of("iat", number))));
			add("json-bomb", this.issuer.sign(header(alg, kid), this.issuer.claims(Map.of("nbf", number))));
		}
		// duplicate claims, signed: a parser that keeps the last one would read another subject
		add("json-bomb", this.issuer.sign(header(alg, kid), duplicate(claims, "sub", "\"intruder\"")));
		add("json-bomb", this.issuer.sign(header(alg, kid), duplicate(claims, "exp", "9999999999")));
		add("json-bomb", this.issuer.sign(header(alg, kid), duplicate(claims, "iss", "\"https://evil.example\"")));
		add("json-bomb", this.issuer.sign(header(alg, kid), "{}"));
		add("json-bomb", this.issuer.sign(header(alg, kid), "[]"));
		add("json-bomb", this.issuer.sign(header(alg, kid), "null"));
		add("json-bomb", this.issuer.sign(header(alg, kid), "\"a string\""));
		add("json-bomb", this.issuer.sign(header(alg, kid), claims + "garbage"));
		add("json-bomb", this.issuer.sign(header(alg, kid), claims.substring(0, claims.length() - 1)));
		add("json-bomb", this.issuer.sign(header(alg, kid), "{\"a\":1,}"));
		add("json-bomb", this.issuer.sign(header(alg, kid), "{'sub':'x'}"));
		add("json-bomb", this.issuer.sign(header(alg, kid), "{\"sub\":\"\\ud800\"}"));
		add("json-bomb", this.issuer.sign(header(alg, kid), claims.replace("{", "{/*c*/")));
	}

	/** The name of a signed token's odd claim: {@code sub=""}, {@code o=[{}]}, {@code act="zz…" (100,002 characters)}. */
	static String shape(String claim, String value) {
		return claim + "=" + ((value.length() > 100)
				? value.substring(0, 3) + "…\" (" + String.format(java.util.Locale.ROOT, "%,d", value.length()) + " characters)"
				: value);
	}

	private static String blankName(String blank) {
		return switch (blank) {
			case " " -> "space";
			case "\t" -> "tab";
			case "\n" -> "LF";
			case "\r\n" -> "CRLF";
			default -> throw new IllegalArgumentException("not a blank of the corpus");
		};
	}

	/** Adds a second member with the same name, after the first. */
	private static String duplicate(String claims, String name, String value) {
		return claims.substring(0, claims.length() - 1) + ",\"" + name + "\":" + value + "}";
	}

	/** Claims of the wrong JSON type, signed by the issuer's key. */
	private void claimTypes() {
		String alg = this.issuer.algorithm();
		String kid = this.issuer.kid();
		Map<String, List<String>> wrong = new LinkedHashMap<>();
		List<String> notTimes = List.of("\"9999999999\"", "\"tomorrow\"", "{}", "[9999999999]", "true", "null", "\"\"");
		wrong.put("exp", notTimes);
		wrong.put("nbf", notTimes);
		wrong.put("iat", notTimes);
		List<String> notStrings = List.of("{}", "{\"id\":\"x\"}", "[]", "[\"a\",\"b\"]", "42", "true", "null", "\"\"");
		wrong.put("sub", notStrings);
		wrong.put("iss", notStrings);
		Map<String, List<String>> registered = wrong;
		if (this.issuer.requiredClaims().contains("aud")) {
			wrong.put("aud", List.of("[{\"aud\":\"authenticated\"}]", "{}", "42", "[[\"authenticated\"]]", "[null]", "\"\"",
				"[]", "true"));
		}
		Map<String, List<String>> optional = new LinkedHashMap<>();
		for (String claim : this.issuer.providerClaims()) {
			optional.put(claim, List.of("{}", "[]", "42", "\"x\"", "true", "[{}]", "{\"id\":{}}", "\"" + "z".repeat(100_000) + "\""));
		}
		registered.forEach((claim, values) -> {
			for (String value : values) {
				// an empty or null value reads as an absent claim to some parsers
				boolean empty = value.equals("null") || value.equals("\"\"");
				String token = this.issuer.sign(header(alg, kid), this.issuer.claims(Map.of(claim, value)));
				if (empty) {
					add(SIGNED_ODD_CLAIMS, shape(claim, value), token);
				}
				else {
					add("claim-type", token);
				}
			}
		});
		optional.forEach((claim, values) -> {
			for (String value : values) {
				add(SIGNED_ODD_CLAIMS, shape(claim, value),
						this.issuer.sign(header(alg, kid), this.issuer.claims(Map.of(claim, value))));
			}
		});
		for (String claim : this.issuer.requiredClaims()) {
			add("claim-type", this.issuer.sign(header(alg, kid), this.issuer.claimsWithout(claim)));
		}
	}

	private void times() {
		String alg = this.issuer.algorithm();
		String kid = this.issuer.kid();
		long now = TestIssuers.NOW.getEpochSecond();
		List<Map<String, String>> cases = List.of(Map.of("exp", Long.toString(now - 60)),
				Map.of("exp", Long.toString(now - 6)), Map.of("exp", "0"), Map.of("exp", "-1"),
				Map.of("exp", Long.toString(now - 86_400 * 365)), Map.of("nbf", Long.toString(now + 60)),
				Map.of("nbf", Long.toString(now + 86_400 * 365)), Map.of("iat", Long.toString(now + 3600)),
				Map.of("iat", Long.toString(now + 30), "exp", Long.toString(now + 10)),
				Map.of("exp", Long.toString(now - 3600), "iat", Long.toString(now - 7200), "nbf", Long.toString(now - 7200)));
		for (Map<String, String> overrides : cases) {
			add("time", this.issuer.sign(header(alg, kid), this.issuer.claims(overrides)));
		}
	}

	private void critical() {
		String alg = this.issuer.algorithm();
		String kid = this.issuer.kid();
		String claims = this.issuer.claims(Map.of());
		for (String crit : List.of("[\"exp\"]", "[\"x-unknown\"]", "[\"b64\"]", "[]", "\"exp\"", "[\"alg\"]", "[1]",
				"[\"kid\"]", "[\"x-unknown\",\"x-unknown\"]")) {
			add("crit", this.issuer.sign("{\"alg\":\"" + alg + "\",\"kid\":\"" + kid + "\",\"crit\":" + crit
					+ ",\"x-unknown\":true,\"exp\":1,\"b64\":false}", claims));
		}
		add("crit", this.issuer.sign("{\"alg\":\"" + alg + "\",\"kid\":\"" + kid + "\",\"b64\":false,\"crit\":[\"b64\"]}",
				claims));
		add("crit", this.issuer.sign("{\"alg\":\"" + alg + "\",\"kid\":\"" + kid + "\",\"typ\":\"JWE\"}", claims));
		add("crit", this.issuer.sign("{\"alg\":\"" + alg + "\",\"kid\":\"" + kid + "\",\"typ\":\"at+jwt\"}", claims));
		add("crit", this.issuer.sign("{\"alg\":\"" + alg + "\",\"kid\":\"" + kid + "\",\"cty\":\"JWT\"}",
				b64Json(this.issuer.valid())));
	}

	private static String b64Json(String text) {
		return "\"" + text + "\"";
	}

	/** Keys the token brings along or points to: never to be used, never to be fetched. */
	private void embeddedKeys() {
		String claims = this.issuer.claims(Map.of());
		String elsewhere = this.issuer.attackerUrl();
		RSAKey rsa = ATTACKER_RSA;
		ECKey ec = ATTACKER_EC;
		for (String kid : List.of(this.issuer.kid(), rsa.getKeyID())) {
			String jwk = rsa.toPublicJWK().toJSONString();
			add("embedded-key", signed("{\"alg\":\"RS256\",\"kid\":\"" + kid + "\",\"jwk\":" + jwk + "}", claims,
					rsaSigner(rsa), JWSAlgorithm.RS256));
			add("embedded-key", signed("{\"alg\":\"RS256\",\"kid\":\"" + kid + "\",\"jku\":\"" + elsewhere + "/jwks.json\"}",
					claims, rsaSigner(rsa), JWSAlgorithm.RS256));
			add("embedded-key", signed("{\"alg\":\"RS256\",\"kid\":\"" + kid + "\",\"x5u\":\"" + elsewhere + "/cert.pem\"}",
					claims, rsaSigner(rsa), JWSAlgorithm.RS256));
			add("embedded-key", signed("{\"alg\":\"RS256\",\"kid\":\"" + kid + "\",\"x5c\":[\"MIIBIjANBgkqhkiG9w0BAQEFAAOC\"]}",
					claims, rsaSigner(rsa), JWSAlgorithm.RS256));
			add("embedded-key", signed("{\"alg\":\"ES256\",\"kid\":\"" + kid + "\",\"jwk\":" + ec.toPublicJWK().toJSONString()
					+ "}", claims, ecSigner(ec), JWSAlgorithm.ES256));
		}
		if (!this.issuer.keyIdChecked()) {
			return;
		}
		// the issuer's own signature, with a pointer elsewhere added: the pointer must be ignored or refused, never followed
		add("embedded-key", this.issuer.sign("{\"alg\":\"" + this.issuer.algorithm() + "\",\"kid\":\"unknown-kid\",\"jku\":\""
				+ elsewhere + "/jwks.json\"}", claims));
		add("embedded-key", this.issuer.sign("{\"alg\":\"" + this.issuer.algorithm() + "\",\"jku\":\"" + elsewhere
				+ "/jwks.json\",\"x5u\":\"" + elsewhere + "/cert.pem\"}", claims));
	}

	private void nullBytes(String valid) {
		add("null-byte", "\u0000");
		add("null-byte", "\u0000" + valid);
		add("null-byte", valid + "\u0000");
		add("null-byte", valid.replace(".", ".\u0000"));
		add("null-byte", valid.substring(0, valid.indexOf('.')) + "\u0000" + valid.substring(valid.indexOf('.')));
		for (int i = 0; i < 40; i++) {
			int at = this.random.nextInt(valid.length());
			add("null-byte", valid.substring(0, at) + "\u0000" + valid.substring(at));
		}
		String claims = this.issuer.claims(Map.of());
		add("null-byte", b64(header(this.issuer.algorithm(), this.issuer.kid() + "\u0000")) + "." + b64(claims) + "."
				+ b64("sig"));
		add("null-byte", b64(header(this.issuer.algorithm(), this.issuer.kid())).replace("e", "\u0000") + "." + b64(claims)
				+ "." + b64("sig"));
	}

	/** CR/LF and friends: a real server refuses them before any filter; MockMvc lets them through. */
	private void injection(String valid) {
		for (String separator : List.of("\r\n", "\n", "\r", "\r\nX-Authenticated-User: admin\r\n", "\r\n\r\nGET / HTTP/1.1",
				"\u2028", "\u0085", "\t", " ", ";", ",")) {
			add("injection", valid.substring(0, valid.length() / 2) + separator + valid.substring(valid.length() / 2));
			add("injection", "x" + separator + valid.substring(1));
		}
		add("injection", "<script>alert(1)</script>");
		add("injection", "' OR '1'='1");
		add("injection", "${jndi:ldap://127.0.0.1/a}");
		add("injection", "#{T(java.lang.Runtime).getRuntime().exec('id')}");
		add("injection", "../../../../etc/passwd");
	}

	private void notJwts() {
		for (String value : List.of("x", "null", "undefined", "Bearer", "Bearer x", "eyJ", "eyJ.eyJ.", "{}", "[]", "0", "-1",
				"true", "\u00e9\u00e9\u00e9", "\ud83d\ude00.\ud83d\ude00.\ud83d\ude00", "a.b.c", "====.====.====", "_-.-_._-",
				"sk_test_" + "a".repeat(40), "pk_test_" + "a".repeat(40), "ak_" + "a".repeat(30), "mt_" + "a".repeat(30),
				"oat_" + "a".repeat(30), "sb_secret_" + "a".repeat(30), "Basic dXNlcjpwYXNz")) {
			add("not-a-jwt", value);
		}
		for (int i = 0; i < 200; i++) {
			byte[] bytes = new byte[1 + this.random.nextInt(300)];
			this.random.nextBytes(bytes);
			add("not-a-jwt", (i % 2 == 0) ? B64URL.encodeToString(bytes)
					: B64URL.encodeToString(bytes) + "." + B64URL.encodeToString(bytes) + "." + B64URL.encodeToString(bytes));
		}
	}

	static String b64(String text) {
		return B64URL.encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

	static String header(String alg, @org.jspecify.annotations.Nullable String kid) {
		return "{\"alg\":\"" + alg + "\"" + ((kid != null) ? ",\"kid\":\"" + kid.replace("\\", "\\\\").replace("\"", "\\\"")
				.replace("\u0000", "\\u0000") + "\"" : "") + ",\"typ\":\"JWT\"}";
	}

	/** Header and payload taken as raw JSON, signed with the given signer. */
	static String signed(String header, String payload, JWSSigner signer, JWSAlgorithm algorithm) {
		String input = b64(header) + "." + b64(payload);
		try {
			return input + "." + signer.sign(new JWSHeader(algorithm), input.getBytes(StandardCharsets.US_ASCII));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static JWSSigner rsaSigner(RSAKey key) {
		try {
			return new RSASSASigner(key);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static JWSSigner ecSigner(ECKey key) {
		try {
			return new ECDSASigner(key);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static JWSSigner macSigner(byte[] secret) {
		try {
			return new MACSigner(secret);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static RSAKey rsaKey(String kid) {
		try {
			return new RSAKeyGenerator(2048).keyID(kid).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static ECKey ecKey(String kid) {
		try {
			return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * One hostile token, the category it belongs to and its shape: for a token that may be
	 * accepted, the name of what is odd about it; else the category.
	 */
	record HostileToken(String category, String shape, String token) {

		HostileToken(String category, String token) {
			this(category, category, token);
		}

		@Override
		public String toString() {
			return this.category + " (" + this.token.length() + " chars)";
		}

	}

	/**
	 * The issuer a corpus is aimed at: its signing key, algorithm and the claims of a token it
	 * would accept.
	 */
	interface Issuer {

		/** The algorithm of the issuer's key, for example {@code RS256}. */
		String algorithm();

		/** The id of the issuer's key. */
		String kid();

		/** Signs raw header and payload JSON with the issuer's key. */
		String sign(String header, String payload);

		/** The payload JSON of a valid token with some members replaced by raw JSON values. */
		String claims(Map<String, String> overrides);

		/** The payload JSON of a valid token without the given member. */
		String claimsWithout(String claim);

		/** A token the application accepts, the seed of the mutations. */
		default String valid() {
			return sign(header(algorithm(), kid()), claims(Map.of()));
		}

		/** The public key as its owner publishes it (PEM, DER, JWK, modulus): HMAC secrets of the confusion attack. */
		List<byte[]> publicKeyForms();

		/** Claims the provider maps, to be sent with the wrong type. */
		List<String> providerClaims();

		/** Claims without which a token must be refused. */
		List<String> requiredClaims();

		/** Whether a token under an unknown kid is refused; false for a single configured key. */
		boolean keyIdChecked();

		/** A URL no key may ever be fetched from. */
		String attackerUrl();

		/** Provider-specific hostile tokens by name. */
		default Map<String, String> extra() {
			return Map.of();
		}

	}

	/** Raw JSON of a claims map whose values are already JSON. */
	static String json(Map<String, String> rawMembers) {
		StringBuilder json = new StringBuilder("{");
		rawMembers.forEach((name, value) -> {
			if (json.length() > 1) {
				json.append(',');
			}
			json.append('"').append(name).append("\":").append(value);
		});
		return json.append('}').toString();
	}

	/** The public-key forms of an RSA or EC key. */
	static List<byte[]> publicKeyForms(java.security.PublicKey key, String jwkJson,
			Function<java.security.PublicKey, byte[]> extra) {
		String base64 = Base64.getEncoder().encodeToString(key.getEncoded());
		String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getEncoded())
				+ "\n-----END PUBLIC KEY-----";
		List<byte[]> forms = new ArrayList<>();
		forms.add(pem.getBytes(StandardCharsets.UTF_8));
		forms.add((pem + "\n").getBytes(StandardCharsets.UTF_8));
		forms.add(pem.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
		forms.add(base64.getBytes(StandardCharsets.UTF_8));
		forms.add(key.getEncoded());
		forms.add(jwkJson.getBytes(StandardCharsets.UTF_8));
		forms.add(extra.apply(key));
		return forms;
	}

}
