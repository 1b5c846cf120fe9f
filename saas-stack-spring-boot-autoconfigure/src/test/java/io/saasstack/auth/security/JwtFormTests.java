package io.saasstack.auth.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class JwtFormTests {

	@Test
	void compactJwsIsThreeBase64UrlSegments() {
		assertThat(JwtForm.isCompactJws("eyJh.eyJz.c2ln")).isTrue();
		assertThat(JwtForm.isCompactJws("eyJh.eyJz.")).isTrue();
		assertThat(JwtForm.isCompactJws("a-_b.c_-d.e-f_")).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "eyJh.eyJz", "eyJh.eyJz.c2ln.eA", ".eyJz.c2ln", "eyJh..c2ln", "eyJh.eyJz.c2ln=",
			"eyJh.eyJz.c2l+", "eyJh.eyJz.c2/n", " eyJh.eyJz.c2ln", "eyJh.eyJz.c2ln ", "eyJh.ey Jz.c2ln", "eyJh.eyJz.c2\u00e9n",
			"eyJh.eyJz.c2\u0000n", "eyJh.eyJz.c2\nln", "eyJh.eyJz.c2\uff41n", "eyJh.eyJz.c2ln.", "eyJh.eyJz..", "..", "a..", "a.b.c.d.e" })
	void anythingElseIsNot(String token) {
		assertThat(JwtForm.isCompactJws(token)).isFalse();
	}

	@Test
	void compactJwsCheckAgreesWithTheGrammarOnEveryShortString() {
		Pattern grammar = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");
		char[] alphabet = { 'a', 'Z', '9', '-', '_', '.', '=', '+', ' ' };
		List<String> strings = new ArrayList<>(List.of(""));
		for (int length = 1; length <= 6; length++) {
			List<String> longer = new ArrayList<>();
			for (String prefix : strings) {
				if (prefix.length() == length - 1) {
					for (char c : alphabet) {
						longer.add(prefix + c);
					}
				}
			}
			strings.addAll(longer);
		}
		assertThat(strings).hasSizeGreaterThan(500_000);
		List<String> disagreements = strings.stream()
			.filter((token) -> JwtForm.isCompactJws(token) != grammar.matcher(token).matches())
			.toList();
		assertThat(disagreements).isEmpty();
		assertThat(strings).filteredOn(JwtForm::isCompactJws).hasSizeGreaterThan(1000);
	}

	@Test
	void timeClaimsMustFitADate() {
		assertThat(JwtForm.timeClaimOutOfRange(Map.of("exp", 1_800_000_000L, "nbf", 0L, "iat", 1.7e9))).isNull();
		assertThat(JwtForm.timeClaimOutOfRange(Map.of("exp", "9999999999", "nbf", Map.of()))).isNull();
		assertThat(JwtForm.timeClaimOutOfRange(Map.of("nbf", 9.223372036854776E18))).isEqualTo("nbf");
		assertThat(JwtForm.timeClaimOutOfRange(Map.of("iat", Long.MAX_VALUE))).isEqualTo("iat");
		assertThat(JwtForm.timeClaimOutOfRange(Map.of("iat", Long.MIN_VALUE))).isEqualTo("iat");
		assertThat(JwtForm.timeClaimOutOfRange(Map.of("exp", Double.POSITIVE_INFINITY))).isEqualTo("exp");
		assertThat(JwtForm.timeClaimOutOfRange(Map.of("exp", new java.math.BigInteger("123456789012345678901234567890"))))
			.isEqualTo("exp");
		assertThat(JwtForm.timeClaimOutOfRange(Map.of("exp", Long.MAX_VALUE / 1000))).isNull();
	}

}
