package io.saasstack.sample.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.springframework.http.HttpStatus;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;

/**
 * Refuses uploads that are not images, by their first bytes: the file name and the declared
 * content type are the client's word, and a text file named {@code .jpg} would get image URLs that
 * do not exist at the media provider.
 */
public final class ImageContent {

	static final String ACCEPTED = "JPEG, PNG, GIF, WebP, AVIF or HEIC";

	private static final byte[] JPEG = { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF };

	private static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };

	private ImageContent() {
	}

	/**
	 * Checks that the upload is an image.
	 * @param file the uploaded file
	 * @throws ResponseStatusException 415 when its content is not a known image format
	 */
	public static void require(MultipartFile file) {
		byte[] head = new byte[16];
		int read;
		try (InputStream in = file.getInputStream()) {
			read = in.readNBytes(head, 0, head.length);
		}
		catch (IOException ex) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The file could not be read", ex);
		}
		if (!isImage(Arrays.copyOf(head, read))) {
			throw new ResponseStatusException(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
					"The file is not an image: its content is not " + ACCEPTED);
		}
	}

	/** Whether the bytes start like a JPEG, PNG, GIF, WebP or AVIF/HEIC (ISO base media) image. */
	static boolean isImage(byte[] head) {
		return startsWith(head, 0, JPEG) || startsWith(head, 0, PNG) || startsWith(head, 0, ascii("GIF87a"))
				|| startsWith(head, 0, ascii("GIF89a"))
				|| (startsWith(head, 0, ascii("RIFF")) && startsWith(head, 8, ascii("WEBP")))
				|| (startsWith(head, 4, ascii("ftyp")) && (startsWith(head, 8, ascii("avif"))
						|| startsWith(head, 8, ascii("avis")) || startsWith(head, 8, ascii("heic"))
						|| startsWith(head, 8, ascii("heix")) || startsWith(head, 8, ascii("mif1"))));
	}

	private static boolean startsWith(byte[] bytes, int offset, byte[] prefix) {
		return bytes.length >= offset + prefix.length
				&& Arrays.equals(bytes, offset, offset + prefix.length, prefix, 0, prefix.length);
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

}
