package io.saasstack.sample.web;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.web.server.ResponseStatusException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Images are recognised by their first bytes, whatever the name and declared type say.
 */
class ImageContentTests {

	@Test
	void recognisesEachAcceptedFormat() {
		assertThat(ImageContent.isImage(bytes(0xFF, 0xD8, 0xFF, 0xE0))).isTrue();
		assertThat(ImageContent.isImage(bytes(0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'))).isTrue();
		assertThat(ImageContent.isImage(ascii("GIF89a..."))).isTrue();
		assertThat(ImageContent.isImage(ascii("GIF87a"))).isTrue();
		assertThat(ImageContent.isImage(ascii("RIFF\0\0\0\0WEBPVP8 "))).isTrue();
		assertThat(ImageContent.isImage(ascii("\0\0\0\u001cftypavif"))).isTrue();
		assertThat(ImageContent.isImage(ascii("\0\0\0\u0018ftypheic"))).isTrue();
	}

	@Test
	void refusesEverythingElse() {
		assertThat(ImageContent.isImage(new byte[0])).isFalse();
		assertThat(ImageContent.isImage(bytes(0xFF, 0xD8))).isFalse();
		assertThat(ImageContent.isImage(bytes(0x89, 'P', 'N', 'G'))).isFalse();
		assertThat(ImageContent.isImage(ascii("GIF90a"))).isFalse();
		assertThat(ImageContent.isImage(ascii("RIFF\0\0\0\0WAVEfmt "))).isFalse();
		assertThat(ImageContent.isImage(ascii("\0\0\0\u001cftypisom"))).isFalse();
		assertThat(ImageContent.isImage(ascii("# saas-stack"))).isFalse();
		assertThat(ImageContent.isImage(ascii("<svg xmlns="))).isFalse();
		assertThat(ImageContent.isImage(ascii("%PDF-1.7"))).isFalse();
	}

	@Test
	void judgesTheContentNotTheName() {
		assertThatExceptionOfType(ResponseStatusException.class)
			.isThrownBy(() -> ImageContent.require(new MockMultipartFile("file", "photo.jpg", "image/jpeg", ascii("text"))))
			.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE));
		assertThatNoException().isThrownBy(() -> ImageContent
			.require(new MockMultipartFile("file", "notes.txt", "text/plain", bytes(0xFF, 0xD8, 0xFF, 0xDB, 0))));
	}

	private static byte[] bytes(int... values) {
		byte[] bytes = new byte[values.length];
		for (int i = 0; i < values.length; i++) {
			bytes[i] = (byte) values[i];
		}
		return bytes;
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.ISO_8859_1);
	}

}
