package io.saasstack.test.sample;

import java.time.Duration;
import java.util.List;

import io.saasstack.auth.local.LocalToken;
import io.saasstack.auth.local.LocalTokenIssuer;
import io.saasstack.events.LogEvent;
import io.saasstack.events.RecordingLogSnagClient;
import io.saasstack.mail.ReactiveMailClient;
import io.saasstack.mail.local.CapturedEmail;
import io.saasstack.mail.local.CapturingMailClient;
import io.saasstack.media.ReactiveMediaStorage;
import io.saasstack.media.local.LocalMediaStorage;
import io.saasstack.media.local.LocalUpload;
import io.saasstack.test.AutoConfigureSaasStack;
import io.saasstack.test.SaasMockMvc;
import io.saasstack.test.SaasTestTokens;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The default mode, without an auth provider: events recorded, mails captured, uploads kept,
 * local development tokens accepted, everything cleared between tests.
 */
@SpringBootTest
@AutoConfigureMockMvc
@AutoConfigureSaasStack
class CapturingTests {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private SaasTestTokens tokens;

	@Autowired
	private RecordingLogSnagClient events;

	@Autowired
	private CapturingMailClient mails;

	@Autowired
	private ApplicationContext context;

	@Test
	void signUpIsCapturedNotSent() throws Exception {
		this.mvc.perform(post("/signup").with(SaasMockMvc.user(LocalToken.user("user_1").email("ada@example.com").build())))
			.andExpect(status().isOk());
		assertThat(this.events.awaitRequests(1, Duration.ofSeconds(30))).isTrue();
		assertThat(this.events.events()).singleElement().satisfies((event) -> {
			assertThat(event.event()).isEqualTo("User Signed Up");
			assertThat(event.channel()).isEqualTo("signups");
			assertThat(event.userId()).isEqualTo("user_1");
		});
		assertThat(this.mails.captured()).singleElement()
			.extracting(CapturedEmail::email)
			.satisfies((email) -> {
				assertThat(email.to()).containsExactly("ada@example.com");
				assertThat(email.subject()).isEqualTo("Welcome");
			});
	}

	/**
	 * Each repetition starts clean and leaves an event and a mail behind: the second one sees
	 * that the kit cleared what the first left, whether the method runs alone or with the others.
	 */
	@RepeatedTest(2)
	void capturesOfThePreviousTestAreCleared() throws Exception {
		assertThat(this.events.requests()).isEmpty();
		assertThat(this.mails.captured()).isEmpty();
		this.mvc.perform(post("/signup").with(SaasMockMvc.user(LocalToken.user("user_1").email("ada@example.com").build())))
			.andExpect(status().isOk());
		assertThat(this.events.awaitRequests(1, Duration.ofSeconds(30))).isTrue();
		assertThat(this.events.requests()).hasSize(1);
		assertThat(this.mails.captured()).hasSize(1);
	}

	@Test
	void kitPropertiesWinOverApplicationProperties() {
		// application.properties sets a Resend key and saas.mail.capture.enabled=false
		assertThat(this.context.getBean(ReactiveMailClient.class)).isSameAs(this.mails);
		assertThat(this.context.getEnvironment().getProperty("saas.mail.capture.enabled")).isEqualTo("true");
	}

	@Test
	void localTokensAreAccepted() throws Exception {
		this.mvc.perform(get("/me").header("Authorization", this.tokens.bearer(LocalToken.user("user_1").email("ada@example.com").build())))
			.andExpect(status().isOk())
			.andExpect(content().string("local user_1 ada@example.com"));
		this.mvc.perform(get("/me").with(SaasMockMvc.user("user_2")))
			.andExpect(status().isOk())
			.andExpect(content().string("local user_2 null"));
		this.mvc.perform(get("/me")).andExpect(status().isUnauthorized());
		String foreign = LocalTokenIssuer.clerk(null, null).issue("user_1");
		this.mvc.perform(get("/me").header("Authorization", "Bearer " + foreign)).andExpect(status().isUnauthorized());
		assertThat(this.context.getBeansOfType(LocalTokenIssuer.class)).hasSize(1);
	}

	/** As above, for uploads: each repetition starts without any and leaves one behind. */
	@RepeatedTest(2)
	void uploadsAreKeptInMemoryAndCleared() throws Exception {
		ReactiveMediaStorage storage = this.context.getBean(ReactiveMediaStorage.class);
		assertThat(storage.provider()).isEqualTo("local");
		assertThat(uploads(storage)).isEmpty();
		this.mvc.perform(post("/signup").with(SaasMockMvc.user(LocalToken.user("user_1").email("ada@example.com").build())))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.startsWith("local:avatars/")));
		assertThat(uploads(storage)).hasSize(1);
	}

	private static List<LocalUpload> uploads(ReactiveMediaStorage storage) {
		return ((LocalMediaStorage) storage).uploads();
	}

}
