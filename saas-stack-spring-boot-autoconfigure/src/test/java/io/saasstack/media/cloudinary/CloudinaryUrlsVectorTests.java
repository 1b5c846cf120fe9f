package io.saasstack.media.cloudinary;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.saasstack.Vectors;
import io.saasstack.core.SaasJson;
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

	static Stream<Arguments> urlVectors() {
		return Vectors.arguments(VECTORS).filter((arguments) -> {
			JsonNode vector = (JsonNode) arguments.get()[1];
			String kind = vector.get("kind").asString();
			return (kind.equals("url") || kind.equals("signed-url")) && !vector.get("id").asString().equals("cld-token-acl");
		});
	}

	@Test
	void coversEveryUrlVector() {
		long urls = count("url");
		long signed = count("signed-url");
		assertThat(urls).isEqualTo(32);
		assertThat(signed).isEqualTo(10);
		assertThat(urlVectors().count()).isEqualTo(urls + signed - 1);
	}

	private static long count(String kind) {
		long count = 0;
		for (JsonNode vector : Vectors.load(VECTORS)) {
			if (vector.get("kind").asString().equals(kind)) {
				count++;
			}
		}
		return count;
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("urlVectors")
	void urlVector(String id, JsonNode vector) {
		JsonNode config = vector.get("config");
		CloudinaryUrlSettings settings = new CloudinaryUrlSettings(config.get("cloud_name").asString(),
				text(config, "api_key"), text(config, "api_secret"),
				!config.has("secure") || config.get("secure").asBoolean(), null, false, null, SignatureAlgorithm.SHA1,
				false);
		CloudinaryUrlOptions.Builder options = CloudinaryUrlOptions.builder();
		JsonNode input = vector.get("input");
		if (input.has("options")) {
			apply(options, SaasJson.mapper().convertValue(input.get("options"), Map.class));
		}
		// the Node vectors have no cloudinary_url: Node's tests run without analytics
		String cloudinaryUrl = text(config, "cloudinary_url");
		if (cloudinaryUrl != null && !cloudinaryUrl.contains("analytics=false")) {
			// the SDK's default analytics token, computed as cloudinary-core 2.3.0 does on Java 17
			options.analyticsToken(CloudinaryAnalytics.token("2.3.0", "17.0.15"));
		}
		String url = new CloudinaryUrls(settings).url(input.get("public_id").asString(), options.build());
		assertThat(url).isEqualTo(vector.get("expected").asString());
	}

	@Test
	void tokenAclVector() {
		JsonNode vector = find("cld-token-acl");
		JsonNode input = vector.get("input");
		CloudinaryAuthToken token = CloudinaryAuthToken.of(vector.get("config").get("auth_token").get("key").asString())
			.withStartTime(input.get("start_time").asLong())
			.withDuration(input.get("duration").asLong())
			.withAcl(input.get("acl").asString());
		Clock unused = Clock.fixed(Instant.EPOCH, ZoneOffset.UTC);
		assertThat(token.generate(unused)).isEqualTo(vector.get("expected").asString());
		assertThat(token.toString()).doesNotContain("00112233FF99");
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
