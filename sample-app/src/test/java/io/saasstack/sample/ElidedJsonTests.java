package io.saasstack.sample;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The README walkthrough's JSON comparison: exact but for the parts marked with {@code …}. If it
 * accepted more, the walkthrough test could not catch a silent subset.
 */
class ElidedJsonTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@Test
	void withoutElisionEveryMemberAndElementMustBeThere() {
		assertThat(matches("{\"a\":1,\"b\":[1,2]}", "{\"b\":[1,2],\"a\":1}")).isTrue();
		assertThat(matches("{\"a\":1}", "{\"a\":1,\"b\":2}")).isFalse();
		assertThat(matches("{\"a\":1,\"b\":2}", "{\"a\":1}")).isFalse();
		assertThat(matches("[1,2]", "[1,2,3]")).isFalse();
		assertThat(matches("[1,2]", "[2,1]")).isFalse();
		assertThat(matches("[{\"a\":1}]", "[{\"a\":1,\"b\":2}]")).isFalse();
		assertThat(matches("\"ab\"", "\"abc\"")).isFalse();
		assertThat(matches("1", "\"1\"")).isFalse();
		assertThat(matches("1", "1.0")).isTrue();
		assertThat(matches("null", "{}")).isFalse();
		assertThat(matches("{}", "{\"a\":1}")).isFalse();
		assertThat(matches("[]", "[1]")).isFalse();
	}

	@Test
	void anElidedObjectKeepsItsListedMembersExact() {
		assertThat(matches("{…}", "{}")).isTrue();
		assertThat(matches("{…}", "{\"a\":{\"b\":1}}")).isTrue();
		assertThat(matches("{\"a\":1,…}", "{\"a\":1,\"b\":2}")).isTrue();
		assertThat(matches("{\"a\":1,…}", "{\"b\":2}")).isFalse();
		assertThat(matches("{\"a\":1,…}", "{\"a\":2,\"b\":2}")).isFalse();
		assertThat(matches("{…}", "[]")).isFalse();
		assertThat(matches("{\"c\":{…}}", "{\"c\":\"x\"}")).isFalse();
		assertThat(matches("{\"c\":{…}}", "{\"c\":{},\"d\":1}")).isFalse();
	}

	@Test
	void anElidedArrayStartsWithItsListedElements() {
		assertThat(matches("[…]", "[]")).isTrue();
		assertThat(matches("[…]", "[1,{\"a\":2}]")).isTrue();
		assertThat(matches("[1,2,…]", "[1,2]")).isTrue();
		assertThat(matches("[1,2,…]", "[1,2,3]")).isTrue();
		assertThat(matches("[1,2,…]", "[1,3,2]")).isFalse();
		assertThat(matches("[1,2,…]", "[1]")).isFalse();
		assertThat(matches("[…]", "{}")).isFalse();
	}

	@Test
	void anElidedStringStartsWithItsText() {
		assertThat(matches("\"eyJ…\"", "\"eyJhbGciOi\"")).isTrue();
		assertThat(matches("\"eyJ…\"", "\"eyJ\"")).isTrue();
		assertThat(matches("\"…\"", "\"anything\"")).isTrue();
		assertThat(matches("\"eyJ…\"", "\"xeyJ\"")).isFalse();
		assertThat(matches("\"…\"", "1")).isFalse();
		assertThat(matches("\"…\"", "null")).isFalse();
		assertThat(matches("\"a\\\"b…\"", "\"a\\\"bc\"")).isTrue();
	}

	@Test
	void anEllipsisAnywhereElseIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> ElidedJson.parse("{\"a\":…}"));
		assertThatIllegalArgumentException().isThrownBy(() -> ElidedJson.parse("…"));
		assertThatIllegalArgumentException().isThrownBy(() -> ElidedJson.parse("[…,1]"));
		assertThatIllegalArgumentException().isThrownBy(() -> ElidedJson.parse("{…,\"a\":1}"));
		assertThatIllegalArgumentException().isThrownBy(() -> ElidedJson.parse("\"a…b\""));
		assertThatIllegalArgumentException().isThrownBy(() -> ElidedJson.parse("{\"a…\":1}"));
		assertThatIllegalArgumentException().isThrownBy(() -> ElidedJson.parse("{\"a\":1} x"));
		assertThatIllegalArgumentException().isThrownBy(() -> ElidedJson.parse("{\"a\":1,\"a\":2}"));
		assertThatIllegalArgumentException().isThrownBy(() -> ElidedJson.parse("{\"a\":nope}"));
		assertThatIllegalArgumentException().isThrownBy(() -> ElidedJson.parse("[1,2"));
	}

	@Test
	void namesTheFirstDifference() {
		assertThat(ElidedJson.parse("{\"mails\":[{\"to\":\"a\"}]}").mismatch(json.readTree("{\"mails\":[{\"to\":\"b\"}]}")))
			.isEqualTo("$.mails[0].to: \"a\" expected, was \"b\"");
	}

	private static boolean matches(String documented, String actual) {
		return ElidedJson.parse(documented).matches(json.readTree(actual));
	}

}
