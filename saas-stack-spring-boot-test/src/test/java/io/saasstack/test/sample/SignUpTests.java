package io.saasstack.test.sample;

import java.time.Duration;

import io.saasstack.auth.local.LocalToken;
import io.saasstack.events.RecordingLogSnagClient;
import io.saasstack.mail.local.CapturingMailClient;
import io.saasstack.test.AutoConfigureSaasStack;
import io.saasstack.test.SaasMockMvc;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

// The README's example ("Testing your application"), verbatim from the annotations on (ReadmeTestKitExampleTests)
@SpringBootTest
@AutoConfigureMockMvc
@AutoConfigureSaasStack
class SignUpTests {

	@Autowired MockMvc mvc;
	@Autowired RecordingLogSnagClient events;
	@Autowired CapturingMailClient mails;

	@Test
	void signUpTracksAndWelcomes() throws Exception {
		mvc.perform(post("/signup").with(SaasMockMvc.user(LocalToken.user("user_1").email("ada@example.com").build())))
			.andExpect(status().isOk());
		assertThat(events.awaitRequests(1, Duration.ofSeconds(5))).isTrue();
		assertThat(mails.captured()).singleElement().satisfies((mail) -> assertThat(mail.email().to()).containsExactly("ada@example.com"));
	}

}
