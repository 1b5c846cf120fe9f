package io.saasstack.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.DefaultUriBuilderFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.entry;

/**
 * Tests for {@link SaasRequest}.
 */
class SaasRequestTests {

	/** The URI the request goes to, expanded as a {@code WebClient} built on a base URL does. */
	private static String expand(SaasRequest request) {
		List<Object> variables = new ArrayList<>();
		String template = request.uriTemplate(variables);
		return new DefaultUriBuilderFactory("https://api.acme.test/v1").expand(template, variables.toArray())
			.toString();
	}

	@Test
	void shouldBuildRequestOfEachMethod() {
		assertThat(SaasRequest.get("op", "/a").build().method()).isEqualTo(HttpMethod.GET);
		assertThat(SaasRequest.post("op", "/a").build().method()).isEqualTo(HttpMethod.POST);
		assertThat(SaasRequest.put("op", "/a").build().method()).isEqualTo(HttpMethod.PUT);
		assertThat(SaasRequest.patch("op", "/a").build().method()).isEqualTo(HttpMethod.PATCH);
		assertThat(SaasRequest.delete("op", "/a").build().method()).isEqualTo(HttpMethod.DELETE);
	}

	@Test
	void shouldExposeOperationPathAndDescription() {
		SaasRequest request = SaasRequest.get("users.get", "/users/{id}", "user_1").build();
		assertThat(request.operation()).isEqualTo("users.get");
		assertThat(request.path()).isEqualTo("/users/{id}");
		assertThat(request.pathVariables()).containsExactly("user_1");
		assertThat(request).hasToString("GET /users/{id} (users.get)");
	}

	@Test
	void refusesPathVariablesWithDotSegments() {
		for (String id : new String[] { "..", ".", "../sessions", "user_1/..", "a/../b", "a\\..\\b", "a/./b" }) {
			org.assertj.core.api.Assertions.assertThatIllegalArgumentException().as(id)
				.isThrownBy(() -> SaasRequest.delete("users.delete", "/v1/users/{id}", id))
				.withMessage("Invalid path variable of users.delete: it contains a '.' or '..' segment, which "
						+ "would address another resource");
		}
		for (String id : new String[] { "a..b", "...", "user_1", "a/b", "v1.2", ".hidden", "x.." }) {
			assertThat(SaasRequest.delete("users.delete", "/v1/users/{id}", id).build().pathVariables())
				.containsExactly(id);
		}
	}

	@Test
	void shouldKeepPathTemplateWhenThereIsNoQuery() {
		SaasRequest request = SaasRequest.get("users.get", "/users/{id}", "user_1").build();
		List<Object> variables = new ArrayList<>();
		assertThat(request.uriTemplate(variables)).isEqualTo("/users/{id}");
		assertThat(variables).containsExactly("user_1");
	}

	@Test
	void shouldMakeEveryQueryNameAndValueAVariable() {
		SaasRequest request = SaasRequest.get("items.list", "/users/{id}/items", "user_1")
			.query("tag", List.of("red", "blue"))
			.query("limit", 10)
			.build();
		List<Object> variables = new ArrayList<>();
		assertThat(request.uriTemplate(variables))
			.isEqualTo("/users/{id}/items?{_qn1}={_qv2}&{_qn3}={_qv4}&{_qn5}={_qv6}");
		assertThat(variables).containsExactly("user_1", "tag", "red", "tag", "blue", "limit", "10");
	}

	@Test
	void shouldEncodeRepeatedQueryValues() {
		SaasRequest request = SaasRequest.get("items.list", "/items")
			.query("tag", List.of("a b", "c&d", "e+f"))
			.query("tag", "g=h")
			.build();
		assertThat(request.query()).containsExactly(entry("tag", List.of("a b", "c&d", "e+f", "g=h")));
		assertThat(expand(request))
			.isEqualTo("https://api.acme.test/v1/items?tag=a%20b&tag=c%26d&tag=e%2Bf&tag=g%3Dh");
	}

	@Test
	void shouldEncodeQueryNamesAndUnicodeValues() {
		SaasRequest request = SaasRequest.get("items.search", "/items")
			.query("filter[name]", "Zoë ✓")
			.query("q", "100%")
			.build();
		assertThat(expand(request))
			.isEqualTo("https://api.acme.test/v1/items?filter%5Bname%5D=Zo%C3%AB%20%E2%9C%93&q=100%25");
	}

	@Test
	void shouldEncodePathVariablesFully() {
		SaasRequest request = SaasRequest.get("files.get", "/folders/{folder}/files/{name}", "a/b", "c d?e#f").build();
		assertThat(expand(request)).isEqualTo("https://api.acme.test/v1/folders/a%2Fb/files/c%20d%3Fe%23f");
	}

	@Test
	void shouldAppendQueryToPathWithQuery() {
		SaasRequest request = SaasRequest.get("items.list", "/items?expand=owner").query("limit", 5).build();
		assertThat(expand(request)).isEqualTo("https://api.acme.test/v1/items?expand=owner&limit=5");
	}

	@Test
	void shouldSkipNullQueryValuesAndHeaders() {
		String cursor = null;
		SaasRequest request = SaasRequest.get("items.list", "/items")
			.query("cursor", cursor)
			.header("X-Cursor", null)
			.build();
		assertThat(request.query()).isEmpty();
		assertThat(request.headers().containsHeader("X-Cursor")).isFalse();
		assertThat(expand(request)).isEqualTo("https://api.acme.test/v1/items");
	}

	@Test
	void shouldAcceptJsonByDefault() {
		SaasRequest request = SaasRequest.get("items.list", "/items").build();
		assertThat(request.headers().getAccept()).containsExactly(MediaType.APPLICATION_JSON);
		assertThat(request.headers().getContentType()).isNull();
	}

	@Test
	void shouldKeepExplicitAccept() {
		SaasRequest request = SaasRequest.get("files.download", "/files/1").header(HttpHeaders.ACCEPT, "*/*").build();
		assertThat(request.headers().get(HttpHeaders.ACCEPT)).containsExactly("*/*");
	}

	@Test
	void shouldSetContentTypeOfJsonBody() {
		Object body = List.of("a");
		SaasRequest request = SaasRequest.post("items.create", "/items").json(body).build();
		assertThat(request.headers().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
		assertThat(request.body()).isSameAs(body);
		assertThat(request.bodyType()).isEqualTo(SaasRequest.Body.JSON);
	}

	@Test
	void shouldKeepAnExplicitJsonContentType() {
		SaasRequest request = SaasRequest.patch("items.update", "/items/1")
			.header(HttpHeaders.CONTENT_TYPE, "application/merge-patch+json")
			.json(java.util.Map.of("name", "Widget"))
			.build();
		assertThat(request.headers().getContentType()).hasToString("application/merge-patch+json");
	}

	@Test
	void shouldRejectABodyThatCannotBeWrittenAsJsonBeforeAnyCall() {
		Object unwritable = new Object() {

			public String getName() {
				throw new IllegalStateException("broken getter");
			}

		};
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> SaasRequest.post("items.create", "/items").json(unwritable).build())
			.withMessageStartingWith("The body of items.create cannot be written as JSON");
	}

	@Test
	void shouldCarryFormAndMultipartBodiesWithoutContentType() {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("a", "1");
		SaasRequest formRequest = SaasRequest.post("token", "/token").form(form).build();
		assertThat(formRequest.bodyType()).isEqualTo(SaasRequest.Body.FORM);
		assertThat(formRequest.body()).isEqualTo(form);
		assertThat(formRequest.headers().getContentType()).isNull();
		MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
		parts.add("file", new byte[] { 1 });
		SaasRequest multipartRequest = SaasRequest.post("upload", "/files").multipart(parts).build();
		assertThat(multipartRequest.bodyType()).isEqualTo(SaasRequest.Body.MULTIPART);
		assertThat(multipartRequest.headers().getContentType()).isNull();
		assertThat(SaasRequest.get("op", "/a").build().bodyType()).isEqualTo(SaasRequest.Body.NONE);
	}

	@Test
	void shouldTreatSafeAndIdempotentMethodsAsIdempotent() {
		assertThat(SaasRequest.get("op", "/a").build().isIdempotent()).isTrue();
		assertThat(SaasRequest.put("op", "/a").build().isIdempotent()).isTrue();
		assertThat(SaasRequest.delete("op", "/a").build().isIdempotent()).isTrue();
		assertThat(SaasRequest.post("op", "/a").build().isIdempotent()).isFalse();
		assertThat(SaasRequest.patch("op", "/a").build().isIdempotent()).isFalse();
	}

	@Test
	void shouldMakePostWithIdempotencyKeyIdempotent() {
		SaasRequest request = SaasRequest.post("op", "/a").idempotencyKey("Idempotency-Key", "k1").build();
		assertThat(request.isIdempotent()).isTrue();
		assertThat(request.headers().get("Idempotency-Key")).containsExactly("k1");
		SaasRequest patch = SaasRequest.patch("op", "/a").idempotencyKey("X-Idempotency-Key", "k2").build();
		assertThat(patch.isIdempotent()).isTrue();
	}

	@Test
	void shouldLetCallerDeclareIdempotency() {
		assertThat(SaasRequest.post("search", "/search").idempotent(true).build().isIdempotent()).isTrue();
		assertThat(SaasRequest.get("next", "/cursor/next").idempotent(false).build().isIdempotent()).isFalse();
	}

	@Test
	void shouldRejectInvalidArguments() {
		assertThatIllegalArgumentException().isThrownBy(() -> SaasRequest.get("", "/a"));
		assertThatIllegalArgumentException().isThrownBy(() -> SaasRequest.get("op", ""));
		assertThatIllegalArgumentException().isThrownBy(() -> SaasRequest.get("op", "/a/{id}", (Object) null))
			.withMessage("path variable of op must not be null");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SaasRequest.post("op", "/a").idempotencyKey("Idempotency-Key", " "));
	}

	@Test
	void shouldExposeReadOnlyHeadersAndQuery() {
		SaasRequest request = SaasRequest.get("op", "/a").header("X-A", "1").query("q", "1").build();
		assertThat(request.headers().get("X-A")).containsExactly("1");
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> request.headers().set("X-A", "2"));
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> request.query().add("q", "2"));
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> request.query().get("q").add("2"));
		assertThat(request.query()).containsExactly(entry("q", List.of("1")));
	}

	@Test
	void shouldNotChangeWhenItsBuilderIsReused() {
		SaasRequest.Builder builder = SaasRequest.get("items.list", "/items").query("tag", "a").header("X-A", "1");
		SaasRequest first = builder.build();
		builder.query("tag", "b").query("page", 2).header("X-A", "2").header("X-B", "3");
		SaasRequest second = builder.build();
		assertThat(first.query()).containsExactly(entry("tag", List.of("a")));
		assertThat(first.headers().get("X-A")).containsExactly("1");
		assertThat(first.headers().containsHeader("X-B")).isFalse();
		assertThat(second.query()).containsExactly(entry("tag", List.of("a", "b")), entry("page", List.of("2")));
		assertThat(second.headers().get("X-A")).containsExactly("2");
	}

	@Test
	void shouldNotChangeWhenCallerChangesPathVariablesOrForm() {
		Object[] variables = { "user_1" };
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("a", "1");
		SaasRequest request = SaasRequest.post("users.update", "/users/{id}", variables).form(form).build();
		variables[0] = "user_2";
		form.add("b", "2");
		assertThat(request.pathVariables()).containsExactly("user_1");
		assertThat(request.body()).isEqualTo(Map.of("a", List.of("1")));
	}

}
