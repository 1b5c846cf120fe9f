package io.saasstack.core;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ErrorResponse}.
 */
class ErrorResponseTests {

	private static ErrorResponse response(String contentType, String body) {
		HttpHeaders headers = new HttpHeaders();
		if (contentType != null) {
			headers.setContentType(MediaType.parseMediaType(contentType));
		}
		return new ErrorResponse(400, headers, body.getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void shouldExposeStatusHeadersAndBody() {
		HttpHeaders headers = new HttpHeaders();
		headers.add("X-Request-Id", "req_1");
		ErrorResponse response = new ErrorResponse(503, headers, new byte[] { 'x' });
		assertThat(response.status()).isEqualTo(503);
		assertThat(response.headers()).isSameAs(headers);
		assertThat(response.header("x-request-id")).isEqualTo("req_1");
		assertThat(response.header("cf-ray")).isNull();
		assertThat(response.body()).containsExactly('x');
	}

	@Test
	void shouldReadJsonFields() {
		ErrorResponse response = response("application/json",
				"{\"code\":\"invalid\",\"status\":42,\"ok\":false,\"error\":{\"message\":\"Bad\",\"details\":[1]},"
						+ "\"blank\":\" \",\"none\":null}");
		assertThat(response.json()).isNotNull();
		assertThat(response.text("code")).isEqualTo("invalid");
		assertThat(response.text("status")).isEqualTo("42");
		assertThat(response.text("ok")).isEqualTo("false");
		assertThat(response.text("error", "message")).isEqualTo("Bad");
		assertThat(response.text("error")).isNull();
		assertThat(response.text("error", "details")).isNull();
		assertThat(response.text("error", "message", "deeper")).isNull();
		assertThat(response.text("blank")).isNull();
		assertThat(response.text("none")).isNull();
		assertThat(response.text("missing")).isNull();
		assertThat(response.text("missing", "deeper")).isNull();
		assertThat(response.snippetIfNotJson()).isNull();
	}

	@Test
	void shouldReadJsonWhateverTheContentType() {
		assertThat(response("text/plain", "{\"message\":\"plain\"}").text("message")).isEqualTo("plain");
		assertThat(response(null, "{\"message\":\"none\"}").text("message")).isEqualTo("none");
	}

	@Test
	void shouldHaveNoJsonForNonJsonBody() {
		ErrorResponse response = response("text/plain", "Service Unavailable");
		assertThat(response.json()).isNull();
		assertThat(response.text("message")).isNull();
		assertThat(response.snippet()).isEqualTo("Service Unavailable");
		assertThat(response.snippetIfNotJson()).isEqualTo("Service Unavailable");
	}

	@Test
	void shouldHaveNoJsonForJsonThatIsNotAnObject() {
		ErrorResponse array = response("application/json", "[{\"message\":\"x\"}]");
		assertThat(array.json()).isNull();
		assertThat(array.text("message")).isNull();
		assertThat(array.snippetIfNotJson()).isEqualTo("[{\"message\":\"x\"}]");
		assertThat(response("application/json", "\"just a string\"").json()).isNull();
		assertThat(response("application/json", "{\"truncated\": ").json()).isNull();
	}

	@Test
	void shouldHaveNothingForEmptyBody() {
		ErrorResponse response = new ErrorResponse(502, new HttpHeaders(), new byte[0]);
		assertThat(response.json()).isNull();
		assertThat(response.text("message")).isNull();
		assertThat(response.snippet()).isNull();
		assertThat(response.snippetIfNotJson()).isNull();
	}

	@Test
	void shouldHaveNoSnippetForBlankBody() {
		assertThat(response("text/plain", " \n\t ").snippet()).isNull();
		assertThat(response("text/html", "<html><body> </body></html>").snippet()).isNull();
	}

	@Test
	void shouldStripTagsScriptsAndStylesOfHtml() {
		ErrorResponse response = response("text/html;charset=UTF-8", """
				<html>
				  <head><title>502 Bad Gateway</title>
				  <STYLE type="text/css">h1 { color: red; }</STYLE>
				  <script>window.location = "/";</script></head>
				  <body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body>
				</html>
				""");
		assertThat(response.snippet()).isEqualTo("502 Bad Gateway 502 Bad Gateway nginx");
	}

	@Test
	void shouldKeepTagsOfNonHtmlBody() {
		assertThat(response("text/plain", "use <b> tags").snippet()).isEqualTo("use <b> tags");
	}

	@Test
	void shouldCollapseWhitespaceIntoOneLine() {
		assertThat(response("text/plain", "  first line\r\n\n  second\tline  ").snippet())
			.isEqualTo("first line second line");
	}

	@Test
	void shouldHideTheValuesOfCredentialFieldsInSnippets() {
		ErrorResponse response = response("application/json", "{\"error\":\"denied\",\"apiKey\":\"re_123\","
				+ "\"Authorization\": \"Bearer x.y\\\"z\",\"client_secret\":\"s\",\"id_token\":\"t\",\"count\":3}");
		assertThat(response.snippet()).isEqualTo("{\"error\":\"denied\",\"apiKey\":\"…\",\"Authorization\": \"…\","
				+ "\"client_secret\":\"…\",\"id_token\":\"…\",\"count\":3}");
	}

	@Test
	void shouldTruncateLongSnippet() {
		String snippet = response("text/plain", "x".repeat(500)).snippet();
		assertThat(snippet).isEqualTo("x".repeat(200) + "…");
		assertThat(response("text/plain", "y".repeat(200)).snippet()).isEqualTo("y".repeat(200));
	}

	@Test
	void shouldParseJsonOnce() {
		ErrorResponse response = response("application/json", "{\"code\":\"a\"}");
		assertThat(response.json()).isSameAs(response.json());
	}

}
