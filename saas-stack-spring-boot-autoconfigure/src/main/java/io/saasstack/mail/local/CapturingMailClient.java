package io.saasstack.mail.local;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;

import io.saasstack.core.KeptItems;
import io.saasstack.core.LogLines;
import io.saasstack.core.RandomUuids;
import io.saasstack.core.RateLimit;
import io.saasstack.mail.BatchOptions;
import io.saasstack.mail.BatchResult;
import io.saasstack.mail.Email;
import io.saasstack.mail.EmailPage;
import io.saasstack.mail.EmailTemplate;
import io.saasstack.mail.ReactiveMailClient;
import io.saasstack.mail.SendResult;
import io.saasstack.mail.SentEmail;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.util.Assert;

/**
 * {@link ReactiveMailClient} that keeps mails in memory instead of sending them: used when no
 * Resend API key is set, and by application tests. Each email gets the configured defaults and
 * the checks a real send makes before any network call, so that a mail Resend would refuse
 * fails in development too. It is then given an id ({@code local-<uuid>}), kept among the
 * newest {@code maxKept} mails, and written as one INFO line, without its body:
 * <pre>
 * Mail (not sent, no API key) to=[ada@example.com] subject="Welcome" id=local-6f1c…
 * </pre>
 * As with Resend, an idempotency key seen in the last 24 hours returns the first result and
 * captures nothing (as long as that mail is still kept; the payloads are not compared).
 * {@link #get}, {@link #list}, {@link #reschedule} and {@link #cancel} work on the kept mails;
 * an unknown id fails with {@link IllegalArgumentException}. Nothing happens until the returned
 * {@link Mono} is subscribed. Thread-safe; it never touches the network.
 * <pre class="code">
 * signUp.register("ada@example.com");
 * assertThat(mail.awaitCaptured(1, Duration.ofSeconds(5))).isTrue();
 * assertThat(mail.captured()).singleElement().extracting((c) -&gt; c.email().subject()).isEqualTo("Welcome");
 * </pre>
 *
 * @since 0.1.0
 */
public final class CapturingMailClient implements ReactiveMailClient {

	private static final Log logger = LogFactory.getLog(CapturingMailClient.class);

	private static final String PREFIX = "Mail (not sent, no API key) ";

	/** How long Resend remembers an idempotency key (reference §6). */
	private static final Duration IDEMPOTENCY_WINDOW = Duration.ofHours(24);

	private static final int MAX_LIST_LIMIT = 100;

	private final int maxKept;

	private final EmailChecks checks;

	private final Clock clock;

	private final KeptItems<CapturedEmail> kept;

	// ids made without reading /dev/urandom per mail: sending from an event loop never blocks
	private final RandomUuids uuids = RandomUuids.shared();

	/**
	 * @param maxKept how many of the newest mails to keep, at least 1
	 * @param defaultFrom sender of emails that set none ({@code saas.mail.default-from}), or null
	 * @param defaultReplyTo reply-to of emails that set none ({@code saas.mail.default-reply-to}),
	 * or an empty list
	 */
	public CapturingMailClient(int maxKept, @Nullable String defaultFrom, List<String> defaultReplyTo) {
		this(maxKept, defaultFrom, defaultReplyTo, Clock.systemUTC());
	}

	CapturingMailClient(int maxKept, @Nullable String defaultFrom, List<String> defaultReplyTo, Clock clock) {
		Assert.isTrue(maxKept > 0, "maxKept must be positive");
		Assert.notNull(defaultReplyTo, "defaultReplyTo must not be null");
		Assert.notNull(clock, "clock must not be null");
		this.maxKept = maxKept;
		this.checks = new EmailChecks(defaultFrom, defaultReplyTo);
		this.clock = clock;
		this.kept = new KeptItems<>(maxKept);
	}

	/** Captures an email with a key generated now, so that resubscribing does not capture twice. */
	@Override
	public Mono<SendResult> send(Email email) {
		return send(email, newKey());
	}

	@Override
	public Mono<SendResult> send(Email email, String idempotencyKey) {
		return Mono.fromCallable(() -> capture(email, idempotencyKey));
	}

	/**
	 * Captures a batch. As with the Resend client, every email is checked before anything is
	 * captured, in both validation modes, and a batch of more than 100 emails is captured in
	 * chunks keyed {@code <key>/chunk-<n>}, {@code n} from 1.
	 */
	@Override
	public Mono<BatchResult> sendBatch(List<Email> emails, BatchOptions options) {
		String key = (options.idempotencyKey() != null) ? options.idempotencyKey() : newKey();
		return Mono.fromCallable(() -> captureBatch(emails, key));
	}

	/** A kept mail, with {@code lastEvent} {@code captured}, or {@code canceled} once canceled. */
	@Override
	public Mono<SentEmail> get(String id) {
		return Mono.fromCallable(() -> toSentEmail(find(id)));
	}

	/** A page of the kept mails, newest first, with the ids of kept mails as cursors. */
	@Override
	public Mono<EmailPage> list(int limit, @Nullable String after, @Nullable String before) {
		return Mono.fromCallable(() -> page(limit, after, before));
	}

	/**
	 * Moves a kept scheduled mail; a mail that was not scheduled, or was canceled, fails with
	 * {@link IllegalStateException}.
	 */
	@Override
	public Mono<Void> reschedule(String id, String when) {
		return Mono.fromRunnable(() -> {
			Assert.hasText(when, "when must not be empty");
			update(id, (captured) -> {
				requireScheduled(captured, "rescheduled");
				return captured.withEmail(captured.email().toBuilder().scheduledAt(when).build());
			});
		});
	}

	/**
	 * Cancels a kept scheduled mail; a mail that was not scheduled, or was canceled already,
	 * fails with {@link IllegalStateException}.
	 */
	@Override
	public Mono<Void> cancel(String id) {
		return Mono.fromRunnable(() -> update(id, (captured) -> {
			requireScheduled(captured, "canceled");
			return captured.asCanceled();
		}));
	}

	/** The kept mails, oldest first. */
	public List<CapturedEmail> captured() {
		return this.kept.list();
	}

	/** Forgets every captured mail, and restarts the count of {@link #awaitCaptured}. */
	public void clear() {
		this.kept.clear();
	}

	/**
	 * Waits until at least {@code count} mails were captured since creation or the last
	 * {@link #clear()}, for mails sent in the background. Mails no longer kept count too.
	 * @return whether that many were captured within the timeout (false if interrupted)
	 */
	public boolean awaitCaptured(int count, Duration timeout) {
		return this.kept.await(count, timeout);
	}

	private SendResult capture(Email email, String key) {
		Assert.notNull(email, "email must not be null");
		Assert.notNull(key, "idempotencyKey must not be null");
		EmailChecks.checkIdempotencyKey(key);
		Email prepared = this.checks.prepare(email);
		List<CapturedEmail> added = new ArrayList<>(1);
		String id = this.kept.atomically(() -> {
			List<CapturedEmail> previous = findByKey(key);
			if (!previous.isEmpty()) {
				return previous.get(0).id();
			}
			CapturedEmail captured = add(prepared, key);
			added.add(captured);
			return captured.id();
		});
		added.forEach(CapturingMailClient::log);
		return new SendResult(id, key, RateLimit.NONE);
	}

	private BatchResult captureBatch(List<Email> emails, String key) {
		Assert.notNull(emails, "emails must not be null");
		List<Email> prepared = this.checks.prepareBatch(emails);
		List<String> keys = chunkKeys(key, emails.size());
		keys.forEach(EmailChecks::checkIdempotencyKey);
		List<String> ids = new ArrayList<>();
		List<CapturedEmail> added = new ArrayList<>();
		this.kept.atomically(() -> {
			for (int chunk = 0; chunk < keys.size(); chunk++) {
				List<CapturedEmail> previous = findByKey(keys.get(chunk));
				if (!previous.isEmpty()) {
					previous.forEach((captured) -> ids.add(captured.id()));
					continue;
				}
				int end = Math.min(emails.size(), (chunk + 1) * EmailChecks.MAX_BATCH_REQUEST);
				for (int i = chunk * EmailChecks.MAX_BATCH_REQUEST; i < end; i++) {
					CapturedEmail captured = add(prepared.get(i), keys.get(chunk));
					added.add(captured);
					ids.add(captured.id());
				}
			}
			return ids;
		});
		added.forEach(CapturingMailClient::log);
		return new BatchResult(ids, List.of(), keys, RateLimit.NONE);
	}

	private static List<String> chunkKeys(String key, int size) {
		int chunks = (size + EmailChecks.MAX_BATCH_REQUEST - 1) / EmailChecks.MAX_BATCH_REQUEST;
		if (chunks == 1) {
			return List.of(key);
		}
		List<String> keys = new ArrayList<>(chunks);
		for (int chunk = 1; chunk <= chunks; chunk++) {
			keys.add(key + "/chunk-" + chunk);
		}
		return keys;
	}

	private CapturedEmail add(Email email, String key) {
		CapturedEmail captured = new CapturedEmail("local-" + this.uuids.next(), email, key, this.clock.instant(),
				false);
		this.kept.add(captured);
		return captured;
	}

	private List<CapturedEmail> findByKey(String key) {
		Instant since = this.clock.instant().minus(IDEMPOTENCY_WINDOW);
		return this.kept.findAll(
				(captured) -> captured.idempotencyKey().equals(key) && captured.capturedAt().isAfter(since));
	}

	private CapturedEmail find(String id) {
		Assert.notNull(id, "id must not be null");
		return this.kept.find((captured) -> captured.id().equals(id)).orElseThrow(() -> unknown(id));
	}

	private void update(String id, UnaryOperator<CapturedEmail> change) {
		Assert.notNull(id, "id must not be null");
		if (!this.kept.replace((captured) -> captured.id().equals(id), change)) {
			throw unknown(id);
		}
	}

	private static void requireScheduled(CapturedEmail captured, String change) {
		if (captured.canceled()) {
			throw new IllegalStateException("Mail " + captured.id() + " was canceled, it cannot be " + change);
		}
		if (captured.email().scheduledAt() == null) {
			throw new IllegalStateException("Mail " + captured.id() + " was not scheduled, it cannot be " + change);
		}
	}

	private EmailPage page(int limit, @Nullable String after, @Nullable String before) {
		if (limit < 1 || limit > MAX_LIST_LIMIT) {
			throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIST_LIMIT + ", not " + limit);
		}
		if (after != null && before != null) {
			throw new IllegalArgumentException("Set after or before, not both");
		}
		List<CapturedEmail> newestFirst = new ArrayList<>(captured());
		Collections.reverse(newestFirst);
		if (before != null) {
			int end = indexOf(newestFirst, before);
			int start = Math.max(0, end - limit);
			return new EmailPage(toSentEmails(newestFirst.subList(start, end)), start > 0);
		}
		int start = (after != null) ? indexOf(newestFirst, after) + 1 : 0;
		int end = Math.min(newestFirst.size(), start + limit);
		return new EmailPage(toSentEmails(newestFirst.subList(start, end)), end < newestFirst.size());
	}

	private static int indexOf(List<CapturedEmail> mails, String id) {
		for (int i = 0; i < mails.size(); i++) {
			if (mails.get(i).id().equals(id)) {
				return i;
			}
		}
		throw unknown(id);
	}

	private static IllegalArgumentException unknown(String id) {
		return new IllegalArgumentException("No captured mail has id '" + id + "'");
	}

	private static List<SentEmail> toSentEmails(List<CapturedEmail> mails) {
		return mails.stream().map(CapturingMailClient::toSentEmail).toList();
	}

	private static SentEmail toSentEmail(CapturedEmail captured) {
		Email email = captured.email();
		return new SentEmail(captured.id(), email.from(), email.to(), email.cc(), email.bcc(), email.replyTo(),
				email.subject(), email.html(), email.text(), DateTimeFormatter.ISO_INSTANT.format(captured.capturedAt()),
				email.scheduledAt(), captured.canceled() ? "canceled" : "captured", email.tags());
	}

	private String newKey() {
		return this.uuids.next().toString();
	}

	private static void log(CapturedEmail captured) {
		if (logger.isInfoEnabled()) {
			logger.info(PREFIX + describe(captured));
		}
	}

	/** One line describing a captured mail: recipients, subject and id, never the body. */
	static String describe(CapturedEmail captured) {
		Email email = captured.email();
		StringBuilder line = new StringBuilder("to=").append(LogLines.oneLine(email.to()));
		if (!email.cc().isEmpty()) {
			line.append(" cc=").append(LogLines.oneLine(email.cc()));
		}
		if (!email.bcc().isEmpty()) {
			line.append(" bcc=").append(LogLines.oneLine(email.bcc()));
		}
		if (email.subject() != null) {
			line.append(" subject=\"").append(LogLines.oneLine(email.subject())).append('"');
		}
		EmailTemplate template = email.template();
		if (template != null) {
			line.append(" template=").append(LogLines.oneLine(template.id()));
		}
		if (email.scheduledAt() != null) {
			line.append(" scheduledAt=").append(LogLines.oneLine(email.scheduledAt()));
		}
		if (!email.attachments().isEmpty()) {
			line.append(" attachments=").append(email.attachments().size());
		}
		return line.append(" id=").append(captured.id()).toString();
	}


	@Override
	public String toString() {
		return "CapturingMailClient[" + this.kept.size() + " of at most " + this.maxKept + " kept]";
	}

}
