package io.saasstack.core;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Secrets}.
 */
class SecretsTests {

	@Test
	void shouldRedactSetValue() {
		assertThat(Secrets.redact("sk_live_123")).isEqualTo(Secrets.MASK).isEqualTo("******");
		assertThat(Secrets.redact("")).isEqualTo(Secrets.MASK);
		assertThat(Secrets.redact(null)).isNull();
	}

	@Test
	void shouldMaskEveryOccurrenceOfEverySecret() {
		String text = "key sk_live_123 and sk_live_123 with token tok_abcd";
		assertThat(Secrets.mask(text, List.of("sk_live_123", "tok_abcd")))
			.isEqualTo("key ****** and ****** with token ******");
	}

	@Test
	void shouldKeepTextWithoutSecrets() {
		assertThat(Secrets.mask("nothing to hide", List.of("sk_live_123"))).isEqualTo("nothing to hide");
		assertThat(Secrets.mask("sk_live_123", List.of())).isEqualTo("sk_live_123");
		assertThat(Secrets.mask(null, List.of("sk_live_123"))).isNull();
	}

	@Test
	void shouldNotMaskTooShortSecrets() {
		assertThat(Secrets.mask("a 1 abc", List.of("a", "1", "abc"))).isEqualTo("a 1 abc");
		assertThat(Secrets.mask("abcd", List.of("abcd"))).isEqualTo(Secrets.MASK);
	}

	@Test
	void shouldSkipNullSecrets() {
		assertThat(Secrets.mask("key sk_live_123", Arrays.asList(null, "sk_live_123"))).isEqualTo("key ******");
	}

	@Test
	void shouldMaskLongerSecretWhollyWhenShorterOneIsPartOfIt() {
		String text = "keys sk_test_abcdef123456 and sk_test";
		assertThat(Secrets.mask(text, List.of("sk_test", "sk_test_abcdef123456"))).isEqualTo("keys ****** and ******")
			.doesNotContain("abcdef123456");
	}

}
