package io.saasstack.test.sample;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.saasstack.auth.DirectoryUser;
import io.saasstack.auth.UserDirectory;
import io.saasstack.auth.local.LocalToken;
import io.saasstack.media.MediaStorage;
import io.saasstack.media.UploadRequest;
import io.saasstack.media.UploadResult;
import io.saasstack.test.AutoConfigureSaasStack;
import io.saasstack.test.SaasMockMvc;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * WireMock mode with Supabase and ImageKit configured without credentials: the project URL keeps
 * the issuer while the calls go to the server.
 */
@SpringBootTest(properties = { "saas.auth.supabase.url=https://abcdefghijklmnopqrst.supabase.co",
		"saas.media.imagekit.url-endpoint=https://ik.imagekit.io/demo" })
@AutoConfigureMockMvc
@AutoConfigureSaasStack(wireMock = true)
class SupabaseWireMockModeTests {

	private static final String USER_ID = "123e4567-e89b-12d3-a456-426614174000";

	@Autowired
	private WireMockServer wireMock;

	@Test
	void supabaseTokensAndAdminApi(@Autowired MockMvc mvc, @Autowired UserDirectory users) throws Exception {
		mvc.perform(get("/me").with(SaasMockMvc.user(LocalToken.user(USER_ID).email("ada@example.com").build())))
			.andExpect(status().isOk())
			.andExpect(content().string("supabase " + USER_ID + " ada@example.com"));
		DirectoryUser user = users.get(USER_ID);
		assertThat(user.id()).isEqualTo(USER_ID);
		assertThat(user.emails()).containsExactly("ada@example.com");
		this.wireMock.verify(getRequestedFor(urlEqualTo("/auth/v1/admin/users/" + USER_ID))
			.withHeader("apikey", equalTo("sb_secret_wiremock0123456789")));
	}

	@Test
	void imageKitUploads(@Autowired MediaStorage media) {
		UploadResult result = media.upload(UploadRequest.of(KitTestApplication.AVATAR, "avatar.gif").inFolder("avatars"));
		assertThat(result.id()).isEqualTo("598821f949c0a938d57563bd");
		assertThat(result.url()).isEqualTo("https://ik.imagekit.io/demo/samples/wiremock_Xa1B2c.jpg");
		this.wireMock.verify(postRequestedFor(urlEqualTo("/api/v1/files/upload")));
	}

}
