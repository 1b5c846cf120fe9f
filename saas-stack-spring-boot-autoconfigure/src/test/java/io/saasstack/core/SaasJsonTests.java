package io.saasstack.core;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SaasJson}.
 */
class SaasJsonTests {

	record Contact(String email, String name, List<String> tags) {
	}

	record Counter(String id, int count, boolean active) {
	}

	@Test
	void shouldOmitNullsWhenWriting() {
		assertThat(SaasJson.mapper().writeValueAsString(new Contact("a@acme.test", null, null)))
			.isEqualTo("{\"email\":\"a@acme.test\"}");
	}

	@Test
	void shouldKeepEmptyValuesWhenWriting() {
		assertThat(SaasJson.mapper().writeValueAsString(new Contact("", "Ann", List.of())))
			.isEqualTo("{\"email\":\"\",\"name\":\"Ann\",\"tags\":[]}");
	}

	@Test
	void shouldIgnoreUnknownFieldsWhenReading() {
		assertThat(SaasJson.mapper().readValue("{\"email\":\"a@acme.test\",\"created_at\":1}", Contact.class))
			.isEqualTo(new Contact("a@acme.test", null, null));
	}

	@Test
	void shouldReadNullForPrimitivesAsDefault() {
		assertThat(SaasJson.mapper().readValue("{\"id\":\"c1\",\"count\":null,\"active\":null}", Counter.class))
			.isEqualTo(new Counter("c1", 0, false));
	}

	@Test
	void shouldBeShared() {
		assertThat(SaasJson.mapper()).isSameAs(SaasJson.mapper());
	}

}
