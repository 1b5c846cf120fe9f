package io.saasstack.media.cloudinary;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link CloudinarySignatures}: every {@code upload-signature} vector, and the rules
 * around them.
 */
class CloudinarySignaturesTests {

	static Stream<Arguments> signatureVectors() {
		return Vectors.arguments(CloudinaryUrlsVectorTests.VECTORS)
			.filter((arguments) -> ((JsonNode) arguments.get()[1]).get("kind").asString().equals("upload-signature"));
	}

	static final VectorRuns RUNS = new VectorRuns();

	@AfterAll
	static void everySignatureVectorRan() {
		RUNS.assertEveryCaseRan(Vectors.names(signatureVectors()));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("signatureVectors")
	void signatureVector(String id, JsonNode vector) {
		VectorCase.run(vector, CloudinarySignaturesTests::signature);
		RUNS.ran(id);
	}

	@SuppressWarnings("unchecked")
	private static void signature(VectorCase v) {
		String secret = v.require("config.api_secret").asString();
		SignatureAlgorithm algorithm = SignatureAlgorithm
			.valueOf(v.require("config.signature_algorithm").asString().toUpperCase(Locale.ROOT));
		int version = v.require("config.signature_version").asInt();
		// the parameters, whole, are what is signed
		Map<String, Object> params = SaasJson.mapper().convertValue(v.require("input.params_to_sign"), Map.class);
		String expected = v.require("expected").asString();
		assertThat(CloudinarySignatures.stringToSign(params, version) + secret)
			.isEqualTo(v.require("string_to_sign").asString());
		assertThat(CloudinarySignatures.signature(params, secret, algorithm, version)).isEqualTo(expected);
		if (version == CloudinarySignatures.DEFAULT_SIGNATURE_VERSION) {
			assertThat(CloudinarySignatures.signature(params, secret, algorithm)).isEqualTo(expected);
		}
	}

	@Test
	void signatureVersionOneKeepsAmpersands() {
		// output of com.cloudinary:cloudinary-core 2.3.0 (reference media-cloudinary.md §4)
		Map<String, Object> params = Map.of("eager", "w_400,h_300,c_pad|w_260,h_200,c_crop", "public_id",
				"folder/my_img", "tags", List.of("a", "b&c"), "timestamp", "1700000000");
		assertThat(CloudinarySignatures.stringToSign(params, 1))
			.isEqualTo("eager=w_400,h_300,c_pad|w_260,h_200,c_crop&public_id=folder/my_img&tags=a,b&c&timestamp=1700000000");
		assertThat(CloudinarySignatures.signature(params, "abcd", SignatureAlgorithm.SHA1, 1))
			.isEqualTo("c0a17140eeb30c8054ced02472710412d24d4c30");
	}

	@Test
	void uploadSignatureLeavesOutWhatCloudinaryDoesNotSign() {
		Map<String, Object> sent = new LinkedHashMap<>();
		sent.put("file", "https://example.com/a.jpg");
		sent.put("api_key", "1234");
		sent.put("cloud_name", "demo");
		sent.put("resource_type", "auto");
		sent.put("signature", "old");
		sent.put("timestamp", 1315060510);
		sent.put("public_id", "sample_image");
		sent.put("eager", "w_400,h_300,c_pad|w_260,h_200,c_crop");
		// the documented example: api_key and file are not in the string to sign
		assertThat(CloudinarySignatures.uploadSignature(sent, "abcd", SignatureAlgorithm.SHA1))
			.isEqualTo("bfd09f95f331f558cbd1320e67aa8d488770583e");
	}

	@Test
	void dropsNullBlankAndEmptyValuesAndJoinsArrays() {
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("b", null);
		params.put("c", " ");
		params.put("d", List.of());
		params.put("e", new String[] { "x", "y" });
		params.put("a", true);
		params.put("f", 12L);
		assertThat(CloudinarySignatures.stringToSign(params, 2)).isEqualTo("a=true&e=x,y&f=12");
	}

	@Test
	void sortsByCodePointAsTheJavaSdk() {
		assertThat(CloudinarySignatures.stringToSign(Map.of("a_1", "x", "a1", "y", "B", "z"), 2))
			.isEqualTo("B=z&a1=y&a_1=x");
	}

	@Test
	void sha256IsHexOfSha256() {
		// hex(sha256("public_id=sample&timestamp=1700000000abcd"))
		assertThat(CloudinarySignatures.signature(Map.of("public_id", "sample", "timestamp", "1700000000"), "abcd",
				SignatureAlgorithm.SHA256))
			.hasSize(64)
			.isEqualTo(sha256Hex("public_id=sample&timestamp=1700000000abcd"));
	}

	@Test
	void rejectsAnEmptySecretAndUnknownVersions() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CloudinarySignatures.signature(Map.of("a", "b"), "", SignatureAlgorithm.SHA1));
		assertThatIllegalArgumentException().isThrownBy(() -> CloudinarySignatures.stringToSign(Map.of("a", "b"), 3));
	}

	static String sha256Hex(String text) {
		try {
			byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
				.digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
			return java.util.HexFormat.of().formatHex(hash);
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
