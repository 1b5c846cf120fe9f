package io.saasstack.test.sample;

import java.time.Duration;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.saasstack.auth.DirectoryUser;
import io.saasstack.auth.UserDirectory;
import io.saasstack.auth.local.LocalToken;
import io.saasstack.events.EventTracker;
import io.saasstack.mail.MailClient;
import io.saasstack.mail.SendResult;
import io.saasstack.test.AutoConfigureSaasStack;
import io.saasstack.test.SaasMockMvc;
import io.saasstack.test.SaasTestTokens;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aMultipart;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * WireMock mode with a Clerk application configured by its publishable key only: the real
 * clients call the server with placeholder credentials (the Resend key of application.properties
 * is kept), the stubs answer as the providers do, and the journal is reset between tests.
 */
@SpringBootTest(properties = "saas.auth.clerk.publishable-key=" + ClerkTokensTests.PUBLISHABLE_KEY)
@AutoConfigureMockMvc
@AutoConfigureSaasStack(wireMock = true)
class WireMockModeTests {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private WireMockServer wireMock;

	@Autowired
	private EventTracker events;

	@Autowired
	private SaasTestTokens tokens;

	@Test
	void signUpCallsEveryProviderWithTheExactRequest() throws Exception {
		this.mvc.perform(post("/signup").with(SaasMockMvc.user(LocalToken.user("user_1").email("ada@example.com").build())))
			.andExpect(status().isOk())
			.andExpect(content().string("https://res.cloudinary.com/demo/image/upload/v1700000001/samples/wiremock.jpg"));
		assertThat(this.events.flush(Duration.ofSeconds(30))).isTrue();
		this.wireMock.verify(exactly(1), postRequestedFor(urlEqualTo("/v1/log"))
			.withHeader("Authorization", equalTo("Bearer wiremock-logsnag-token"))
			.withRequestBody(equalToJson("""
					{"project":"wiremock","channel":"signups","event":"User Signed Up","icon":"🎉","user_id":"user_1"}
					""")));
		this.wireMock.verify(exactly(1), postRequestedFor(urlEqualTo("/emails"))
			.withHeader("Authorization", equalTo("Bearer re_app_properties_key"))
			.withRequestBody(equalToJson("""
					{"from":"Acme <hello@acme.example>","to":["ada@example.com"],"subject":"Welcome","text":"Hello user_1"}
					""")));
		this.wireMock.verify(exactly(1), postRequestedFor(urlEqualTo("/v1_1/demo/auto/upload"))
			.withAnyRequestBodyPart(aMultipart().withName("api_key").withBody(equalTo("123456789012345")))
			.withAnyRequestBodyPart(aMultipart().withName("folder").withBody(equalTo("avatars")))
			.withAnyRequestBodyPart(aMultipart().withName("file").withBody(binaryEqualTo(KitTestApplication.AVATAR))));
	}

	/**
	 * Each repetition starts with an empty journal and leaves a request in it: the second one sees
	 * that the kit reset the journal and kept the stubs, whether the method runs alone or not.
	 */
	@RepeatedTest(2)
	void requestsAreResetBetweenTestsAndStubsKept(@Autowired UserDirectory users) {
		assertThat(this.wireMock.getAllServeEvents()).isEmpty();
		assertThat(this.wireMock.getStubMappings()).hasSizeGreaterThan(20);
		assertThat(users.get("user_42").id()).isEqualTo("user_42");
		assertThat(this.wireMock.getAllServeEvents()).hasSize(1);
	}

	@Test
	void stubsAnswerAsTheProviders(@Autowired UserDirectory users, @Autowired MailClient mail) {
		DirectoryUser user = users.get("user_42");
		assertThat(user.id()).isEqualTo("user_42");
		assertThat(user.emails()).containsExactly("ada@example.com");
		this.wireMock.verify(getRequestedFor(urlEqualTo("/v1/users/user_42"))
			.withHeader("Authorization", equalTo("Bearer sk_test_wiremock0123456789")));
		SendResult sent = mail.send(io.saasstack.mail.Email.builder()
			.from("a@acme.example")
			.to("b@example.com")
			.subject("s")
			.text("t")
			.build());
		assertThat(sent.id()).hasSize(36);
		assertThat(mail.get(sent.id()).id()).isEqualTo(sent.id());
	}

	@Test
	void keySetsServeTheKitsKey() {
		String keys = RestClient.create(this.wireMock.baseUrl()).get().uri("/v1/jwks").retrieve().body(String.class);
		assertThat(keys).contains(this.tokens.issuer().keyId()).doesNotContain("\"d\"");
	}

}
