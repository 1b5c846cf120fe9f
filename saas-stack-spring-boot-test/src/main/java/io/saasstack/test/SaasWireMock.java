package io.saasstack.test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.Json;
import io.saasstack.auth.local.LocalMachineToken;
import io.saasstack.auth.local.LocalTokenIssuer;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * WireMock mode: one server per context, the properties that point every provider at it (with
 * placeholder credentials of the right shape where none are set, so that the real clients are
 * used), and stubs answering with the providers' success bodies.
 */
final class SaasWireMock {

	/** Name of the {@link WireMockServer} bean. */
	static final String BEAN_NAME = "saasWireMockServer";

	private static final String TEMPLATE = "response-template";

	private static final String CLERK_USER_ID = "user_2ZmNqmwvS7Ipu8Yd6VhH8cCR8Xq";

	private static final String SUPABASE_USER_ID = "8f1b6c1e-5d2a-4c3b-9e8f-7a6b5c4d3e2f";

	/** The verify calls of opaque machine tokens (no {@code /v1}, as {@code @clerk/backend} sends them). */
	private static final String API_KEYS_VERIFY = "/api_keys/verify";

	private static final String M2M_TOKENS_VERIFY = "/m2m_tokens/verify";

	private static final String OAUTH_TOKENS_VERIFY = "/oauth_applications/access_tokens/verify";

	private SaasWireMock() {
	}

	/** Starts the server, registers it as a bean stopped with the context, and returns the properties. */
	static Map<String, Object> start(ConfigurableApplicationContext context, @Nullable String provider) {
		WireMockServer server = new WireMockServer(options().dynamicPort().templatingEnabled(true));
		server.start();
		RootBeanDefinition definition = new RootBeanDefinition(WireMockServer.class, () -> server);
		definition.setDestroyMethodName("stop");
		((BeanDefinitionRegistry) context.getBeanFactory()).registerBeanDefinition(BEAN_NAME, definition);
		stubProviders(server);
		return properties(context.getEnvironment(), server.baseUrl(), provider);
	}

	static Map<String, Object> properties(Environment environment, String baseUrl, @Nullable String provider) {
		Map<String, Object> properties = new LinkedHashMap<>();
		// the real clients, not the stand-ins
		properties.put("saas.events.recording", "false");
		properties.put("saas.mail.capture.enabled", "false");
		properties.put("saas.media.capture.enabled", "false");
		properties.put("saas.events.logsnag.base-url", baseUrl);
		placeholder(environment, properties, "saas.events.logsnag.token", "wiremock-logsnag-token");
		placeholder(environment, properties, "saas.events.logsnag.project", "wiremock");
		properties.put("saas.mail.resend.base-url", baseUrl);
		placeholder(environment, properties, "saas.mail.resend.api-key", "re_wiremock_0123456789");
		properties.put("saas.media.cloudinary.base-url", baseUrl);
		properties.put("saas.media.imagekit.base-url", baseUrl);
		properties.put("saas.media.imagekit.upload-base-url", baseUrl);
		boolean cloudinary = environment.containsProperty("saas.media.cloudinary.cloud-name");
		boolean imagekit = environment.containsProperty("saas.media.imagekit.url-endpoint");
		if (cloudinary || !imagekit) {
			placeholder(environment, properties, "saas.media.cloudinary.cloud-name", "demo");
			placeholder(environment, properties, "saas.media.cloudinary.api-key", "123456789012345");
			placeholder(environment, properties, "saas.media.cloudinary.api-secret", "wiremock-api-secret");
		}
		if (imagekit) {
			placeholder(environment, properties, "saas.media.imagekit.private-key", "private_wiremock0123456789=");
			placeholder(environment, properties, "saas.media.imagekit.public-key", "public_wiremock0123456789=");
		}
		if ("clerk".equals(provider)) {
			properties.put("saas.auth.clerk.base-url", baseUrl);
			properties.put("saas.auth.clerk.api-base-url", baseUrl);
			placeholder(environment, properties, "saas.auth.clerk.secret-key", "sk_test_wiremock0123456789");
		}
		if ("supabase".equals(provider)) {
			properties.put("saas.auth.supabase.base-url", baseUrl);
			placeholder(environment, properties, "saas.auth.supabase.secret-key", "sb_secret_wiremock0123456789");
		}
		return properties;
	}

	private static void placeholder(Environment environment, Map<String, Object> properties, String name,
			String value) {
		if (!environment.containsProperty(name)) {
			properties.put(name, value);
		}
	}

	/** The stubs that do not depend on the kit's key. */
	static void stubProviders(WireMockServer server) {
		// LogSnag answers with the event it stored
		for (String path : new String[] { "/v1/log", "/v1/identify", "/v1/insight", "/v1/group" }) {
			server.stubFor(post(urlPathEqualTo(path)).willReturn(template(okJson("{{{request.body}}}"))));
		}
		server.stubFor(patch(urlPathEqualTo("/v1/insight")).willReturn(template(okJson("{{{request.body}}}"))));
		// Resend
		server.stubFor(post(urlPathEqualTo("/emails")).willReturn(template(okJson("{\"id\":\"{{randomValue type='UUID'}}\"}"))));
		server.stubFor(post(urlPathEqualTo("/emails/batch")).atPriority(1).willReturn(template(okJson(body("resend-batch.json")))));
		server.stubFor(get(urlPathMatching("/emails/[^/]+")).willReturn(template(okJson(body("resend-email.json")))));
		server.stubFor(get(urlPathEqualTo("/emails"))
			.willReturn(okJson("{\"object\":\"list\",\"has_more\":false,\"data\":[]}")));
		server.stubFor(patch(urlPathMatching("/emails/[^/]+"))
			.willReturn(template(okJson("{\"object\":\"email\",\"id\":\"{{request.pathSegments.[1]}}\"}"))));
		server.stubFor(post(urlPathMatching("/emails/[^/]+/cancel"))
			.willReturn(template(okJson("{\"object\":\"email\",\"id\":\"{{request.pathSegments.[1]}}\"}"))));
		server.stubFor(get(urlPathEqualTo("/domains")).willReturn(okJson(body("resend-domains.json"))));
		// Cloudinary
		server.stubFor(post(urlPathMatching("/v1_1/[^/]+/(auto|image|video|raw)/upload"))
			.willReturn(okJson(body("cloudinary-upload.json"))));
		server.stubFor(post(urlPathMatching("/v1_1/[^/]+/(image|video|raw)/destroy")).willReturn(okJson("{\"result\":\"ok\"}")));
		server.stubFor(get(urlPathMatching("/v1_1/[^/]+/ping")).willReturn(okJson("{\"status\":\"ok\"}")));
		// ImageKit
		server.stubFor(post(urlPathEqualTo("/api/v1/files/upload")).willReturn(okJson(body("imagekit-upload.json"))));
		server.stubFor(delete(urlPathMatching("/v1/files/[^/]+")).willReturn(aResponse().withStatus(204)));
		server.stubFor(get(urlPathEqualTo("/v1/files")).willReturn(okJson(body("imagekit-files.json"))));
		// Clerk Backend API
		String clerkUser = body("clerk-user.json");
		String clerkUserOfPath = clerkUser.replace("@ID@", "{{request.pathSegments.[2]}}");
		server.stubFor(get(urlPathEqualTo("/v1/users"))
			.willReturn(okJson("[" + clerkUser.replace("@ID@", CLERK_USER_ID) + "]")));
		server.stubFor(get(urlPathMatching("/v1/users/[^/]+")).willReturn(template(okJson(clerkUserOfPath))));
		server.stubFor(get(urlPathEqualTo("/v1/users/count")).atPriority(1)
			.willReturn(okJson("{\"object\":\"total_count\",\"total_count\":1}")));
		server.stubFor(patch(urlPathMatching("/v1/users/[^/]+/metadata")).willReturn(template(okJson(clerkUserOfPath))));
		server.stubFor(post(urlPathMatching("/v1/users/[^/]+/(ban|unban)")).willReturn(template(okJson(clerkUserOfPath))));
		server.stubFor(delete(urlPathMatching("/v1/users/[^/]+")).willReturn(template(
				okJson("{\"object\":\"user\",\"id\":\"{{request.pathSegments.[2]}}\",\"deleted\":true}"))));
		// Clerk machine tokens: unknown ones get Clerk's 404, those of SaasTestTokens a stub of their own
		for (String path : new String[] { API_KEYS_VERIFY, M2M_TOKENS_VERIFY, OAUTH_TOKENS_VERIFY }) {
			server.stubFor(post(urlPathEqualTo(path)).atPriority(10)
				.willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
					.withBody("{\"errors\":[{\"code\":\"resource_not_found\",\"message\":\"not found\","
							+ "\"long_message\":\"The requested resource was not found\"}]}")));
		}
		// Supabase Auth
		String supabaseUser = body("supabase-user.json");
		String supabaseUserOfPath = supabaseUser.replace("@ID@", "{{request.pathSegments.[4]}}");
		server.stubFor(get(urlPathEqualTo("/auth/v1/admin/users")).willReturn(okJson(
				"{\"users\":[" + supabaseUser.replace("@ID@", SUPABASE_USER_ID) + "],\"aud\":\"authenticated\"}")));
		server.stubFor(get(urlPathMatching("/auth/v1/admin/users/[^/]+")).willReturn(template(okJson(supabaseUserOfPath))));
		server.stubFor(put(urlPathMatching("/auth/v1/admin/users/[^/]+")).willReturn(template(okJson(supabaseUserOfPath))));
		server.stubFor(delete(urlPathMatching("/auth/v1/admin/users/[^/]+")).willReturn(okJson("{}")));
		server.stubFor(post(urlPathEqualTo("/auth/v1/invite"))
			.willReturn(okJson(supabaseUser.replace("@ID@", SUPABASE_USER_ID))));
		server.stubFor(get(urlPathEqualTo("/auth/v1/health")).willReturn(okJson(body("supabase-health.json"))));
	}

	/** The key sets of Clerk and Supabase: the kit's key, so the real key-set clients verify its tokens. */
	static void stubKeys(WireMockServer server, LocalTokenIssuer issuer) {
		String keys = issuer.jwkSet().toString();
		server.stubFor(get(urlPathEqualTo("/v1/jwks")).willReturn(okJson(keys)));
		server.stubFor(get(urlPathEqualTo("/auth/v1/.well-known/jwks.json")).willReturn(okJson(keys)));
	}

	/** The verify answer of one opaque machine token, as Clerk answers a valid one. */
	static void stubMachineToken(WireMockServer server, String token, LocalMachineToken content) {
		long now = Instant.now().toEpochMilli();
		Map<String, Object> answer = new LinkedHashMap<>();
		String path;
		String field;
		switch (content.type()) {
			case API_KEY -> {
				path = API_KEYS_VERIFY;
				field = "secret";
				answer.put("object", "api_key");
				answer.put("id", "ak_" + id());
				answer.put("type", "api_key");
				answer.put("name", content.name());
				answer.put("description", null);
			}
			case M2M_TOKEN -> {
				path = M2M_TOKENS_VERIFY;
				field = "token";
				answer.put("object", "machine_to_machine_token");
				answer.put("id", "mt_" + id());
			}
			case OAUTH_TOKEN -> {
				path = OAUTH_TOKENS_VERIFY;
				field = "access_token";
				answer.put("object", "clerk_idp_oauth_access_token");
				answer.put("id", "oat_" + id());
				answer.put("client_id", content.clientId());
			}
			default -> throw new IllegalArgumentException("not a machine token: " + content.type());
		}
		answer.put("subject", content.subject());
		answer.put("claims", content.claims().isEmpty() ? null : content.claims());
		answer.put("scopes", content.scopes());
		answer.put("revoked", false);
		answer.put("revocation_reason", null);
		answer.put("expired", false);
		answer.put("expiration", (content.expiresIn() != null) ? now + content.expiresIn().toMillis() : null);
		answer.put("last_used_at", null);
		answer.put("created_at", now);
		answer.put("updated_at", now);
		server.stubFor(post(urlPathEqualTo(path)).atPriority(1)
			.withRequestBody(equalToJson(Json.write(Map.of(field, token))))
			.willReturn(okJson(Json.write(answer))));
	}

	private static String id() {
		return UUID.randomUUID().toString().replace("-", "");
	}

	private static ResponseDefinitionBuilder template(ResponseDefinitionBuilder response) {
		return response.withTransformers(TEMPLATE);
	}

	private static String body(String name) {
		try (InputStream in = SaasWireMock.class.getResourceAsStream("wiremock/" + name)) {
			if (in == null) {
				throw new IllegalStateException("Missing stub body " + name);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
