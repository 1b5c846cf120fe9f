package io.saasstack.media;

import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link UploadRequest}: a remote URL is fetched by the provider with the account's
 * access, so only {@code https} is accepted unless the request allows more.
 */
class UploadRequestTests {

	@Test
	void remoteUrlsOtherThanHttpsAreRefusedBeforeAnyCall() {
		for (String url : new String[] { "s3://private-bucket/payroll.pdf", "gs://bucket/a.png", "ftp://host/a.png",
				"data:image/png;base64,iVBORw0KGgo=", "file:///etc/passwd", "http://example.com/a.png",
				"S3://private-bucket/a.png" }) {
			String scheme = url.substring(0, url.indexOf(':')).toLowerCase(java.util.Locale.ROOT);
			assertThatIllegalArgumentException().as(url)
				.isThrownBy(() -> UploadRequest.fromUrl(url, "a"))
				.withMessageStartingWith("The remote upload URL has the scheme '" + scheme + "', which is not allowed: "
						+ "only https URLs are fetched")
				.withMessageEndingWith("UploadRequest.fromUrl(url, fileName, \"" + scheme + "\")")
				.withMessageNotContaining("private-bucket");
		}
		assertThatIllegalArgumentException().isThrownBy(() -> UploadRequest.fromUrl("//example.com/a.png", "a"))
			.withMessageContaining("not an absolute URL");
		assertThatIllegalArgumentException().isThrownBy(() -> UploadRequest.fromUrl("https:/example.com/a.png", "a"))
			.withMessage("The remote upload URL is not an absolute https URL");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new UploadRequest(null, "s3://bucket/a", null, null, java.util.List.of(), false));
	}

	@Test
	void httpsIsAcceptedAndOtherSchemesWhenTheRequestAllowsThem() {
		assertThat(UploadRequest.fromUrl("HTTPS://example.com/a.png", "a").urlSchemes()).containsExactly("https");
		UploadRequest http = UploadRequest.fromUrl("http://localhost:8080/a.png", "a", "HTTP");
		assertThat(http.urlSchemes()).containsExactlyInAnyOrder("https", "http");
		UploadRequest s3 = UploadRequest.fromUrl("s3://bucket/a.png", "a", "s3").inFolder("imports")
			.withTags("bulk")
			.overwrite(true);
		assertThat(s3.urlSchemes()).isEqualTo(Set.of("https", "s3"));
		assertThat(s3.folder()).isEqualTo("imports");
		assertThatIllegalArgumentException().isThrownBy(() -> UploadRequest.fromUrl("gs://bucket/a.png", "a", "s3"))
			.withMessageContaining("only https, s3 URLs are fetched");
		assertThatIllegalArgumentException().isThrownBy(() -> UploadRequest.fromUrl("https://x.test/a", "a", "s 3"))
			.withMessage("not a URL scheme: 's 3'");
	}

	@Test
	void filesNeedNoScheme() {
		assertThat(UploadRequest.of(new byte[] { 1 }, "a.bin").urlSchemes()).containsExactly("https");
	}

}
