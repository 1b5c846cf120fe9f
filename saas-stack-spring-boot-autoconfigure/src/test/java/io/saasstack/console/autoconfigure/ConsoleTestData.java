package io.saasstack.console.autoconfigure;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import javax.imageio.ImageIO;

import io.saasstack.mail.Attachment;
import io.saasstack.mail.Email;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;

/**
 * Mails and images for the console tests.
 */
final class ConsoleTestData {

	static final String HTML = "<h1>Welcome</h1><p style=\"color:#333\">Hello Ada</p><script>alert(1)</script>";

	private ConsoleTestData() {
	}

	static Email email(String subject) {
		return Email.builder()
			.from("Acme <hello@acme.test>")
			.to("ada@example.com")
			.subject(subject)
			.html(HTML)
			.text("Hello Ada")
			.header("X-Entity-Ref-ID", "ref-1")
			.tag("category", "welcome")
			.attach(Attachment.of("invoice.txt", "INV-0042\n".getBytes(StandardCharsets.UTF_8)))
			.build();
	}

	static Resource png(int width, int height) {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = image.createGraphics();
		graphics.setColor(new Color(0x3b5bdb));
		graphics.fillRect(0, 0, width, height);
		graphics.setColor(Color.ORANGE);
		graphics.fillOval(width / 4, height / 4, width / 2, height / 2);
		graphics.dispose();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			ImageIO.write(image, "png", out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return new ByteArrayResource(out.toByteArray()) {

			@Override
			public String getFilename() {
				return "mountain.png";
			}

		};
	}

}
