package io.saasstack.reliability;

import java.util.List;
import java.util.Set;

/**
 * What each run of the hostile-token corpus answers, for the fixed seed ({@link HostileTokens#SEED})
 * and the fixed clock ({@link TestIssuers#CLOCK}): the number of each status per category (the
 * figures of {@code docs/reliability.md}), and the shapes of the registered claims the issuer
 * signed empty or null that may be accepted. Every other token answered 200 must be a named
 * legal-but-odd shape: a provider claim of the wrong type (ignored by the claim mapping), the
 * 200,001-number claim, or blanks around a valid token.
 */
final class HostileTokenFigures {

	/**
	 * Answers of one run.
	 * @param statuses {@code category: status × count}, sorted
	 * @param registered the registered claims the issuer signed empty or null that may be accepted
	 */
	record Figures(List<String> statuses, Set<String> registered) {

		/** Whether a token answered 200 ({@code category: shape}) is one of the named legal shapes. */
		boolean legal(String accepted, List<String> providerClaims) {
			if (accepted.startsWith(HostileTokens.WHITESPACE_AROUND + ": ")) {
				return accepted.matches(".*: (space|tab|LF|CRLF) (before|after)");
			}
			if (!accepted.startsWith(HostileTokens.SIGNED_ODD_CLAIMS + ": ")) {
				return false;
			}
			String shape = accepted.substring(HostileTokens.SIGNED_ODD_CLAIMS.length() + 2);
			String claim = shape.substring(0, Math.max(shape.indexOf('='), 0));
			return providerClaims.contains(claim) || this.registered.contains(shape)
					|| shape.equals(HostileTokens.BIG_CLAIM);
		}

	}

	/** Clerk's verifier: {@code sub} may be empty (the issuer signed it), {@code nbf} absent. */
	static final Set<String> CLERK_REGISTERED = Set.of("sub=\"\"", "nbf=null");

	/** Supabase's decoder: {@code nbf} and {@code iat} may be absent. */
	static final Set<String> SUPABASE_REGISTERED = Set.of("nbf=null", "iat=null");

	static final Figures CLERK_HEADER = new Figures(List.of(
			"alg: 401 × 17", "alg-confusion: 401 × 42", "bad-base64: 400 × 25",
			"bad-base64: 401 × 173", "claim-type: 401 × 31", "crit: 401 × 13",
			"embedded-key: 401 × 10", "huge: 401 × 6", "injection: 400 × 12",
			"injection: 401 × 15", "json-bomb: 401 × 53", "jwe: 401 × 16",
			"kid: 401 × 222", "mutated: 401 × 9000", "not-a-jwt: 401 × 224",
			"null-byte: 400 × 46", "null-byte: 401 × 1", "provider-specific: 401 × 6",
			"segments: 401 × 18", "signed-odd-claims: 200 × 118", "signed-odd-claims: 401 × 13",
			"time: 401 × 10", "truncated: 401 × 751", "whitespace-around: 200 × 1",
			"whitespace-around: 400 × 4", "whitespace-around: 401 × 3", "wrong-alg: 401 × 14",
			"wrong-key: 401 × 12"), CLERK_REGISTERED);

	static final Figures CLERK_KEY_SET = new Figures(List.of(
			"alg: 401 × 17", "alg-confusion: 401 × 42", "bad-base64: 400 × 25",
			"bad-base64: 401 × 173", "claim-type: 401 × 31", "crit: 401 × 13",
			"embedded-key: 401 × 12", "huge: 401 × 6", "injection: 400 × 12",
			"injection: 401 × 15", "json-bomb: 401 × 53", "jwe: 401 × 16",
			"kid: 401 × 222", "mutated: 401 × 900", "not-a-jwt: 401 × 224",
			"null-byte: 400 × 46", "null-byte: 401 × 1", "provider-specific: 401 × 6",
			"segments: 401 × 18", "signed-odd-claims: 200 × 118", "signed-odd-claims: 401 × 13",
			"time: 401 × 10", "truncated: 401 × 76", "whitespace-around: 200 × 1",
			"whitespace-around: 400 × 4", "whitespace-around: 401 × 3", "wrong-alg: 401 × 14",
			"wrong-key: 401 × 12"), CLERK_REGISTERED);

	static final Figures SUPABASE_HEADER = new Figures(List.of(
			"alg: 401 × 17", "alg-confusion: 401 × 86", "bad-base64: 400 × 25",
			"bad-base64: 401 × 173", "claim-type: 401 × 38", "crit: 401 × 13",
			"embedded-key: 401 × 12", "huge: 401 × 6", "injection: 400 × 12",
			"injection: 401 × 15", "json-bomb: 401 × 53", "jwe: 401 × 16",
			"kid: 401 × 222", "mutated: 401 × 9000", "not-a-jwt: 401 × 224",
			"null-byte: 400 × 46", "null-byte: 401 × 1", "provider-specific: 401 × 11",
			"segments: 401 × 18", "signed-odd-claims: 200 × 75", "signed-odd-claims: 401 × 9",
			"time: 401 × 10", "truncated: 401 × 727", "whitespace-around: 200 × 4",
			"whitespace-around: 400 × 4", "wrong-alg: 401 × 14", "wrong-key: 401 × 12"), SUPABASE_REGISTERED);

	static final Figures CLERK_REACTIVE = new Figures(List.of(
			"alg: 401 × 5", "alg-confusion: 401 × 10", "bad-base64: 400 × 4",
			"bad-base64: 401 × 45", "claim-type: 401 × 8", "crit: 401 × 3",
			"embedded-key: 401 × 3", "huge: 401 × 1", "injection: 400 × 4",
			"injection: 401 × 3", "json-bomb: 401 × 12", "jwe: 401 × 4",
			"kid: 401 × 56", "mutated: 401 × 225", "not-a-jwt: 401 × 56",
			"null-byte: 400 × 11", "provider-specific: 401 × 2", "segments: 401 × 5",
			"signed-odd-claims: 200 × 29", "signed-odd-claims: 401 × 4", "time: 401 × 3",
			"truncated: 401 × 19", "whitespace-around: 400 × 2", "wrong-alg: 401 × 4",
			"wrong-key: 401 × 3"), CLERK_REGISTERED);

	/** The firewall does not read cookies: controls reach the decoder and get 401. */
	static final Figures CLERK_COOKIE = new Figures(List.of(
			"alg: 401 × 17", "alg-confusion: 401 × 42", "bad-base64: 401 × 198",
			"claim-type: 401 × 31", "crit: 401 × 13", "embedded-key: 401 × 10",
			"huge: 401 × 6", "injection: 401 × 27", "json-bomb: 401 × 53",
			"jwe: 401 × 16", "kid: 401 × 222", "mutated: 401 × 900",
			"not-a-jwt: 401 × 224", "null-byte: 401 × 47", "provider-specific: 401 × 6",
			"segments: 401 × 18", "signed-odd-claims: 200 × 118", "signed-odd-claims: 401 × 13",
			"time: 401 × 10", "truncated: 401 × 76", "whitespace-around: 401 × 8",
			"wrong-alg: 401 × 14", "wrong-key: 401 × 12"), CLERK_REGISTERED);

	static final Figures SUPABASE_REACTIVE = new Figures(List.of(
			"alg: 401 × 4", "alg-confusion: 401 × 21", "bad-base64: 400 × 8",
			"bad-base64: 401 × 41", "claim-type: 401 × 9", "crit: 401 × 3",
			"embedded-key: 401 × 3", "huge: 401 × 1", "injection: 400 × 4",
			"injection: 401 × 3", "json-bomb: 401 × 13", "jwe: 401 × 4",
			"kid: 401 × 56", "mutated: 401 × 225", "not-a-jwt: 401 × 56",
			"null-byte: 400 × 12", "provider-specific: 401 × 3", "segments: 401 × 5",
			"signed-odd-claims: 200 × 19", "signed-odd-claims: 401 × 3", "time: 401 × 2",
			"truncated: 401 × 19", "whitespace-around: 200 × 2", "wrong-alg: 401 × 4",
			"wrong-key: 401 × 3"), SUPABASE_REGISTERED);

	private HostileTokenFigures() {
	}

}
