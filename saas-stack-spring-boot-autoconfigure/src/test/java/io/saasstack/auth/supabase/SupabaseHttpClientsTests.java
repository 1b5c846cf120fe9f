package io.saasstack.auth.supabase;

import java.time.Duration;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.saasstack.VectorCase;
import io.saasstack.VectorRuns;
import io.saasstack.Vectors;
import io.saasstack.core.SaasApiException;
import io.saasstack.core.SaasHttpClient;
import io.saasstack.core.SaasRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link SupabaseHttpClients}, including the {@code supabase/api-key-format} vector.
 */
class SupabaseHttpClientsTests {

	private static final String LEGACY_ANON_KEY = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAiOjE5ODM4MTI5OTZ9.CRXP1A7WOeoJeXxjNni43kdQwgnWNReilDMblYTn_I0";

	private static final SaasRequest HEALTH = SaasRequest.get("health", "/auth/v1/health").build();

	@RegisterExtension
	static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	static final VectorRuns RUNS = new VectorRuns();

	static Stream<Arguments> apiKeyFormat() {
		// the case has neither name nor id: named by its kind and position
		return Vectors.arguments("/vectors/supabase-api-key-format.json");
	}

	@AfterAll
	static void everyVectorRan() {
		RUNS.assertEveryCaseRan(Vectors.names(apiKeyFormat()));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("apiKeyFormat")
	void sendsOpaqueKeysInApikeyOnly(String name, JsonNode vector) {
		VectorCase.run(vector, (v) -> {
			v.ignore("input", "{}: the case is a pair of keys in the new format, no call argument");
			// "opaque, NOT JWTs: send in apikey header; may be repeated in Authorization: Bearer only if
			// byte-identical": asserted below, we never repeat them
			assertThat(v.require("expected.note").asString()).contains("apikey", "NOT JWTs");
			for (String key : new String[] { v.require("expected.publishable").asString(),
					v.require("expected.secret").asString() }) {
				wm.resetRequests();
				assertThat(SupabaseHttpClients.isLegacyJwtKey(key)).isFalse();
				call(key);
				wm.verify(1, getRequestedFor(urlEqualTo("/auth/v1/health")).withHeader("apikey", equalTo(key))
					.withHeader("Authorization", absent())
					.withHeader("User-Agent", matching("saas-stack/.+")));
			}
		});
		RUNS.ran(name);
	}

	@Test
	void sendsALegacyJwtKeyAsBearerToo() {
		assertThat(SupabaseHttpClients.isLegacyJwtKey(LEGACY_ANON_KEY)).isTrue();
		call(LEGACY_ANON_KEY);
		wm.verify(1, getRequestedFor(urlEqualTo("/auth/v1/health")).withHeader("apikey", equalTo(LEGACY_ANON_KEY))
			.withHeader("Authorization", equalTo("Bearer " + LEGACY_ANON_KEY)));
	}

	@Test
	void sendsNoKeyWhenNoneIsGiven() {
		call(null);
		wm.verify(1, getRequestedFor(urlEqualTo("/auth/v1/health")).withHeader("apikey", absent())
			.withHeader("Authorization", absent()));
	}

	@Test
	void decodesSupabaseErrorsWithoutTheKey() {
		String key = "sb_secret_N7UND0UgjKTVK-Uodkm0Hg_xSvEMPvz";
		wm.stubFor(get(urlEqualTo("/auth/v1/health")).willReturn(aResponse().withStatus(401)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"code\":\"no_authorization\",\"message\":\"Invalid API key " + key + "\"}")));
		SaasHttpClient http = SupabaseTestSupport.http(wm.baseUrl(), key);
		assertThatExceptionOfType(SaasApiException.class)
			.isThrownBy(() -> http.retrieve(HEALTH, String.class).block(Duration.ofSeconds(5)))
			.withMessage("supabase health failed with HTTP 401 [no_authorization]: Invalid API key ******");
	}

	private static void call(String key) {
		wm.stubFor(get(urlEqualTo("/auth/v1/health")).willReturn(okJson("{\"name\":\"GoTrue\"}")));
		SupabaseTestSupport.http(wm.baseUrl(), key).retrieve(HEALTH, String.class).block(Duration.ofSeconds(5));
	}

}
