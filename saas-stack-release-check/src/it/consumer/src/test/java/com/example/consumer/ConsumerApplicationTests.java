package com.example.consumer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.saasstack.auth.local.LocalToken;
import io.saasstack.events.RecordingLogSnagClient;
import io.saasstack.mail.local.CapturingMailClient;
import io.saasstack.test.AutoConfigureSaasStack;
import io.saasstack.test.SaasTestTokens;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The staged artifacts on their own: the application starts on a real port, refuses a request without
 * a token, answers one with a token of the test kit, tracks the event and captures the mail.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureSaasStack
class ConsumerApplicationTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Autowired
	private SaasTestTokens tokens;

	@Autowired
	private RecordingLogSnagClient events;

	@Autowired
	private CapturingMailClient mails;

	@Test
	void protectedEndpointTracksAnEventAndSendsAMail() throws Exception {
		assertThat(post(null).statusCode()).isEqualTo(401);

		HttpResponse<String> response = post(
				this.tokens.bearer(LocalToken.user("user_ada").email("ada@example.com").build()));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("{\"id\":\"user_ada\",\"email\":\"ada@example.com\"}");
		assertThat(this.events.awaitRequests(1, Duration.ofSeconds(10))).isTrue();
		assertThat(this.events.events()).singleElement().satisfies((event) -> {
			assertThat(event.event()).isEqualTo("User Welcomed");
			assertThat(event.userId()).isEqualTo("user_ada");
		});
		assertThat(this.mails.captured()).singleElement().satisfies((mail) -> {
			assertThat(mail.email().to()).containsExactly("ada@example.com");
			assertThat(mail.email().subject()).isEqualTo("Welcome, user_ada");
		});
	}

	private HttpResponse<String> post(String authorization) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/welcome"))
			.POST(HttpRequest.BodyPublishers.noBody());
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
