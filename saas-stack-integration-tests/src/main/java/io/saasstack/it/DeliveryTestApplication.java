package io.saasstack.it;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.saasstack.events.EventTracker;
import io.saasstack.events.LogEvent;
import io.saasstack.mail.BatchOptions;
import io.saasstack.mail.Email;
import io.saasstack.mail.MailOutbox;
import io.saasstack.webhooks.WebhookReceived;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A small application on saas-stack's durable delivery (starter-jdbc, PostgreSQL), started several times in
 * separate JVMs by {@code MultiInstanceDeliveryIT}. It enqueues what it is told to over HTTP and records every
 * webhook that is published to it in the table {@value PublishedWebhooks#TABLE}, which the test creates.
 * <p>
 * With {@code -Dit.parent-pid=<pid>} it halts as soon as that process is gone or its standard input closes (the
 * test JVM holds the other end of the pipe), so an instance never outlives the test that started it.
 */
@SpringBootApplication
public class DeliveryTestApplication {

	public static void main(String[] args) {
		ParentWatchdog.start();
		SpringApplication.run(DeliveryTestApplication.class, args);
	}

	/** Enqueues events and mails whose numbers let the stub provider count every delivery. */
	@RestController
	static class DeliveryController {

		/** The event name; each event carries its number in the tag {@code n}. */
		static final String EVENT = "it-event";

		private final EventTracker tracker;

		private final MailOutbox outbox;

		DeliveryController(EventTracker tracker, MailOutbox outbox) {
			this.tracker = tracker;
			this.outbox = outbox;
		}

		/** Tracks events {@code from} (inclusive) to {@code to} (exclusive). */
		@PostMapping("/events")
		Map<String, Object> events(@RequestParam int from, @RequestParam int to) {
			int tracked = 0;
			for (int n = from; n < to; n++) {
				if (this.tracker.track(LogEvent.builder(EVENT).channel("it").tag("n", n).build())) {
					tracked++;
				}
			}
			return Map.of("tracked", tracked);
		}

		/** Enqueues mails {@code from} to {@code to}, one request each, with the idempotency keys {@code mail-<n>}. */
		@PostMapping("/mails")
		Map<String, Object> mails(@RequestParam int from, @RequestParam int to) {
			List<String> keys = new ArrayList<>();
			for (int n = from; n < to; n++) {
				keys.add(this.outbox.enqueue(mail(n), "mail-" + n));
			}
			return Map.of("enqueued", keys.size());
		}

		/** Enqueues mails {@code from} to {@code to} in batches of {@code size}, keys {@code batch-<first n>}. */
		@PostMapping("/mail-batches")
		Map<String, Object> mailBatches(@RequestParam int from, @RequestParam int to, @RequestParam int size) {
			int batches = 0;
			for (int first = from; first < to; first += size) {
				List<Email> emails = new ArrayList<>();
				for (int n = first; n < Math.min(first + size, to); n++) {
					emails.add(mail(n));
				}
				this.outbox.enqueueBatch(emails, new BatchOptions("batch-" + first, BatchOptions.Validation.STRICT));
				batches++;
			}
			return Map.of("batches", batches);
		}

		/** Mail number n: its subject (and address) name it. */
		static Email mail(int n) {
			return Email.builder().to("mail-" + n + "@example.test").subject("mail-" + n).text("Hello " + n).build();
		}

	}

	/** Records each published webhook with the instance it was published on. */
	@Component
	static class PublishedWebhooks {

		static final String TABLE = "it_published_webhooks";

		private final JdbcTemplate jdbc;

		private final String instance;

		PublishedWebhooks(JdbcTemplate jdbc, @Value("${it.instance:unnamed}") String instance) {
			this.jdbc = jdbc;
			this.instance = instance;
		}

		@EventListener
		void published(WebhookReceived webhook) {
			this.jdbc.update("insert into " + TABLE + " (provider, message_id, instance) values (?, ?, ?)",
					webhook.provider(), webhook.id(), this.instance);
		}

	}

	/** Halts this JVM when the process that started it is gone. */
	static final class ParentWatchdog {

		private ParentWatchdog() {
		}

		static void start() {
			String parent = System.getProperty("it.parent-pid");
			if (parent == null) {
				return;
			}
			Optional<ProcessHandle> handle = ProcessHandle.of(Long.parseLong(parent));
			if (handle.isEmpty() || !handle.get().isAlive()) {
				Runtime.getRuntime().halt(3);
			}
			daemon("it-parent-stdin", () -> {
				// the parent holds the other end of standard input: end of stream means it closed it or died
				try (InputStream in = System.in) {
					byte[] buffer = new byte[256];
					while (in.read(buffer) >= 0) {
						// ignore what is written
					}
				}
				catch (IOException ex) {
					// same as the end of the stream
				}
				Runtime.getRuntime().halt(3);
			});
			daemon("it-parent-alive", () -> {
				while (handle.get().isAlive()) {
					sleep(Duration.ofMillis(500));
				}
				Runtime.getRuntime().halt(3);
			});
		}

		private static void daemon(String name, Runnable action) {
			Thread thread = new Thread(action, name);
			thread.setDaemon(true);
			thread.start();
		}

		private static void sleep(Duration duration) {
			try {
				Thread.sleep(duration.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
