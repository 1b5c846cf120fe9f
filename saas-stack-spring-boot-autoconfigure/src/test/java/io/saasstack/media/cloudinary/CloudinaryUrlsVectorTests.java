package io.saasstack.media.cloudinary;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.saasstack.VectorCase;
import io.saasstack.VectorRuns;
import io.saasstack.Vectors;
import io.saasstack.core.SaasJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Cloudinary {@code url} and {@code signed-url} vector of {@code vectors/media-cloudinary.json}
 * (copied unchanged from the shared reference), through
 * {@link CloudinaryUrls#url(String, CloudinaryUrlOptions)} with the vector's SDK options.
 */
class CloudinaryUrlsVectorTests {

	static final String VECTORS = "/vectors/media-cloudinary.json";

	static final VectorRuns RUNS = new VectorRuns();

	static Stream<Arguments> urlVectors() {
		return Vectors.arguments(VECTORS).filter((arguments) -> {
			String kind = ((JsonNode) arguments.get()[1]).get("kind").asString();
			return kind.equals("url") || kind.equals("signed-url");
		});
	}

	@AfterAll
	static void everyUrlVectorRan() {
		RUNS.assertEveryCaseRan(urlVectors().map((arguments) -> (String) arguments.get()[0]).toList());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("urlVectors")
	void urlVector(String id, JsonNode vector) {
		VectorCase.run(vector, (v) -> {
			if (v.has("config.auth_token") && !v.has("input.public_id")) {
				// a token on its own: the __cld_token__ query of a URL
				CloudinaryAuthToken token = token(v, "config.auth_token", "input");
				assertThat(token.generate(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC))).isEqualTo(v.text("expected"));
				assertThat(token.toString()).doesNotContain(v.text("config.auth_token.key"));
			}
			else {
				assertThat(url(v)).isEqualTo(v.text("expected"));
			}
		});
		RUNS.ran(id);
	}

	/** The URL of a case: its account settings (config), then its SDK options (input). */
	private static String url(VectorCase v) {
		boolean privateCdn = v.get("config.private_cdn").asBoolean(false);
		String algorithm = v.text("config.signature_algorithm");
		CloudinaryUrlSettings settings = new CloudinaryUrlSettings(v.text("config.cloud_name"),
				v.text("config.api_key"), v.text("config.api_secret"), v.get("config.secure").asBoolean(true),
				v.text("config.secure_distribution"), privateCdn, v.text("config.cname"),
				(algorithm != null) ? SignatureAlgorithm.valueOf(algorithm.toUpperCase(java.util.Locale.ROOT))
						: SignatureAlgorithm.SHA1,
				v.get("config.long_url_signature").asBoolean(false));
		CloudinaryUrlOptions.Builder options = CloudinaryUrlOptions.builder();
		if (v.has("input.options")) {
			apply(options, SaasJson.mapper().convertValue(v.get("input.options"), Map.class));
		}
		if (v.has("config.auth_token")) {
			options.authToken(token(v, "config.auth_token", "input.options.auth_token"));
		}
		// the Node vectors have no cloudinary_url: Node's tests run without analytics
		String cloudinaryUrl = v.text("config.cloudinary_url");
		if (cloudinaryUrl != null && !cloudinaryUrl.contains("analytics=false")) {
			// the SDK's default analytics token, computed as cloudinary-core 2.3.0 does on Java 17
			options.analyticsToken(CloudinaryAnalytics.token("2.3.0", "17.0.15"));
		}
		return new CloudinaryUrls(settings).url(v.text("input.public_id"), options.build());
	}

	/** An auth token from the account's settings, with the per-call fields of another object. */
	private static CloudinaryAuthToken token(VectorCase v, String config, String call) {
		CloudinaryAuthToken token = CloudinaryAuthToken.of(v.text(config + ".key"));
		for (String base : List.of(config, call)) {
			if (v.has(base + ".start_time")) {
				token = token.withStartTime(v.get(base + ".start_time").asLong());
			}
			if (v.has(base + ".duration")) {
				token = token.withDuration(v.get(base + ".duration").asLong());
			}
			if (v.has(base + ".expiration")) {
				token = token.withExpiration(v.get(base + ".expiration").asLong());
			}
			if (v.has(base + ".acl")) {
				token = token.withAcl(v.text(base + ".acl"));
			}
			if (v.has(base + ".ip")) {
				token = token.withIp(v.text(base + ".ip"));
			}
		}
		return token;
	}

	static JsonNode find(String id) {
		for (JsonNode vector : Vectors.load(VECTORS)) {
			if (vector.get("id").asString().equals(id)) {
				return vector;
			}
		}
		throw new IllegalArgumentException("no vector " + id);
	}

	private static String text(JsonNode node, String field) {
		return node.has(field) ? node.get(field).asString() : null;
	}

	@SuppressWarnings("unchecked")
	static void apply(CloudinaryUrlOptions.Builder options, Map<String, Object> sdkOptions) {
		sdkOptions.forEach((key, value) -> {
			switch (key) {
				case "cloud_name" -> options.cloudName((String) value);
				case "private_cdn" -> options.privateCdn((Boolean) value);
				case "secure" -> options.secure((Boolean) value);
				case "secure_distribution" -> options.secureDistribution((String) value);
				case "cname" -> options.cname((String) value);
				case "cdn_subdomain" -> options.cdnSubdomain((Boolean) value);
				case "format" -> options.format((String) value);
				case "resource_type" -> options.resourceType((String) value);
				case "type" -> options.type((String) value);
				case "version" -> options.version(value);
				case "sign_url" -> options.signed((Boolean) value);
				case "long_url_signature" -> options.longUrlSignature((Boolean) value);
				case "force_version" -> options.forceVersion((Boolean) value);
				case "shorten" -> options.shorten((Boolean) value);
				case "use_root_path" -> options.useRootPath((Boolean) value);
				case "use_fetch_format" -> options.useFetchFormat((Boolean) value);
				case "transformation" -> options.transformation(new ArrayList<>((List<Map<String, Object>>) value));
				default -> throw new IllegalArgumentException("option not mapped by the test: " + key);
			}
		});
	}

}
