package io.saasstack.sample;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.saasstack.auth.local.LocalToken;
import io.saasstack.auth.local.LocalTokenIssuer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every error of the sample's API is an RFC 9457 problem that says what is wrong, over real HTTP
 * (Jetty's multipart limit included), with the exact body.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("dev")
class ProblemDetailsTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Autowired
	private LocalTokenIssuer tokens;

	@Test
	void malformedJson() throws Exception {
		assertProblem(upgrade("{\"plan\":"), 400, "Bad Request", "The body is not valid JSON (line 1, column 9)",
				"/api/billing/upgrade");
	}

	@Test
	void noBody() throws Exception {
		assertProblem(upgrade(""), 400, "Bad Request", "The request needs a JSON body", "/api/billing/upgrade");
	}

	@Test
	void unknownPlan() throws Exception {
		assertProblem(upgrade("{\"plan\":\"GOLD\"}"), 400, "Bad Request", "'plan' must be one of FREE, PRO, TEAM",
				"/api/billing/upgrade");
	}

	@Test
	void planOfTheWrongType() throws Exception {
		assertProblem(upgrade("{\"plan\":[1]}"), 400, "Bad Request", "'plan' must be one of FREE, PRO, TEAM",
				"/api/billing/upgrade");
	}

	@Test
	void notAnObject() throws Exception {
		assertProblem(upgrade("[\"PRO\"]"), 400, "Bad Request", "The body must be a JSON object", "/api/billing/upgrade");
	}

	@Test
	void emptyObject() throws Exception {
		assertProblem(upgrade("{}"), 400, "Bad Request", "'plan' is required: one of FREE, PRO, TEAM",
				"/api/billing/upgrade");
	}

	@Test
	void downgradeIsAConflictWithItsReason() throws Exception {
		String token = token("user_downgrader");
		assertThat(upgrade(token, "{\"plan\":\"TEAM\"}").statusCode()).isEqualTo(200);
		assertProblem(upgrade(token, "{\"plan\":\"PRO\"}"), 409, "Conflict", "The plan PRO is not an upgrade of TEAM",
				"/api/billing/upgrade");
	}

	@Test
	void uploadsThatAreNotImagesAreRefusedWhateverTheirName() throws Exception {
		byte[] readme = Files.readAllBytes(Path.of("..", "README.md"));
		String detail = "The file is not an image: its content is not JPEG, PNG, GIF, WebP, AVIF or HEIC";
		assertProblem(upload("POST", "/api/photos", "README.md", readme), 415, "Unsupported Media Type", detail,
				"/api/photos");
		assertProblem(upload("POST", "/api/photos", "notes.jpg", "just text".getBytes(StandardCharsets.UTF_8)), 415,
				"Unsupported Media Type", detail, "/api/photos");
		assertProblem(upload("PUT", "/api/me/avatar", "me.png", "<svg/>".getBytes(StandardCharsets.UTF_8)), 415,
				"Unsupported Media Type", detail, "/api/me/avatar");
		byte[] photo = Files.readAllBytes(Path.of("photos", "mountain.jpg"));
		assertThat(upload("POST", "/api/photos", "photo.txt", photo).statusCode()).isEqualTo(201);
	}

	@Test
	void uploadOverTheLimitNamesTheLimit() throws Exception {
		byte[] large = new byte[21 * 1024 * 1024];
		System.arraycopy(PhotoBoardTests.JPEG, 0, large, 0, PhotoBoardTests.JPEG.length);
		assertProblem(upload("POST", "/api/photos", "large.jpg", large), 413, "Content Too Large",
				"The upload is larger than the limit of 20 MB per file (20 MB per request)", "/api/photos");
	}

	@Test
	void unauthenticatedKeepsWwwAuthenticate() throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/me")).GET());
		assertProblem(response, 401, "Unauthorized", "A bearer token is required", "/api/me");
		// Spring Security names the protected-resource metadata (RFC 9728)
		String metadata = "resource_metadata=\"http://localhost:" + this.port + "/.well-known/oauth-protected-resource\"";
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer " + metadata);
		HttpResponse<String> refused = send(
				HttpRequest.newBuilder(uri("/api/me")).header("Authorization", "Bearer not.a.token").GET());
		assertProblem(refused, 401, "Unauthorized", "Malformed token", "/api/me");
		assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue(
				"Bearer error=\"invalid_token\", error_description=\"Malformed token\", "
						+ "error_uri=\"https://tools.ietf.org/html/rfc6750#section-3.1\", " + metadata);
	}

	private void assertProblem(HttpResponse<String> response, int status, String title, String detail, String instance) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		// Spring leaves out "type" when it is about:blank (RFC 9457, section 4.2.1)
		assertThat(json.readTree(response.body())).isEqualTo(json.readTree("{\"title\":\"" + title + "\",\"status\":"
				+ status + ",\"detail\":" + json.writeValueAsString(detail) + ",\"instance\":\"" + instance + "\"}"));
	}

	private HttpResponse<String> upgrade(String body) throws Exception {
		return upgrade(token("user_upgrader"), body);
	}

	private HttpResponse<String> upgrade(String token, String body) throws Exception {
		return send(HttpRequest.newBuilder(uri("/api/billing/upgrade"))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	private HttpResponse<String> upload(String method, String path, String fileName, byte[] content) throws Exception {
		String boundary = "problem-details-test";
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
				+ "\"\r\nContent-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
		body.writeBytes(content);
		body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return send(HttpRequest.newBuilder(uri(path))
			.header("Authorization", "Bearer " + token("user_uploader"))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.method(method, HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
	}

	private String token(String user) {
		return this.tokens.issue(LocalToken.user(user).email(user + "@example.com").build());
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
