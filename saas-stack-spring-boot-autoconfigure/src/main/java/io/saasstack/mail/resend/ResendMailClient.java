package io.saasstack.mail.resend;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.saasstack.core.RandomUuids;
import io.saasstack.core.RateLimit;
import io.saasstack.core.RequestPacer;
import io.saasstack.core.SaasClientProperties;
import io.saasstack.core.SaasHttpClient;
import io.saasstack.core.SaasHttpClientFactory;
import io.saasstack.core.SaasJson;
import io.saasstack.core.SaasMalformedResponseException;
import io.saasstack.core.SaasRequest;
import io.saasstack.core.SaasResponse;
import io.saasstack.mail.BatchOptions;
import io.saasstack.mail.BatchResult;
import io.saasstack.mail.BatchResult.BatchError;
import io.saasstack.mail.Email;
import io.saasstack.mail.EmailPage;
import io.saasstack.mail.ReactiveMailClient;
import io.saasstack.mail.SendResult;
import io.saasstack.mail.SentEmail;
import io.saasstack.mail.resend.ResendWire.BatchBody;
import io.saasstack.mail.resend.ResendWire.BatchErrorBody;
import io.saasstack.mail.resend.ResendWire.EmailBody;
import io.saasstack.mail.resend.ResendWire.IdBody;
import io.saasstack.mail.resend.ResendWire.ListBody;
import io.saasstack.mail.resend.ResendWire.RescheduleBody;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.util.Assert;

/**
 * {@link ReactiveMailClient} calling Resend's email endpoints (reference {@code mail-resend.md}
 * §2-6): {@code POST /emails}, {@code POST /emails/batch}, {@code GET /emails/{id}},
 * {@code GET /emails}, {@code PATCH /emails/{id}} and {@code POST /emails/{id}/cancel}.
 * <p>
 * Emails get the {@link MailDefaults} and pass {@link ResendEmailChecks} before any network
 * call. Every send carries an {@code Idempotency-Key}, the caller's or a generated one, and the
 * {@link SaasHttpClient} repeats the same request, hence the same key, on every retry: Resend
 * answers a repeated key with the first result, so a retry after a lost response cannot deliver
 * twice. A batch of more than 100 emails is sent as consecutive requests of at most 100, in
 * order, the n-th (from 1) with the key {@code <key>/chunk-<n>}, and the ids are merged in the
 * order of the list. If a request fails, its error ends the call and the earlier chunks stay
 * sent: calling again within 24 hours with the same list and the same key of your own (a
 * generated key is lost with the error) sends only what is missing.
 * <p>
 * Rescheduling and cancelling take no key (Resend supports keys on sends only) but set the same
 * state however often they are repeated, so they are retried like any idempotent call.
 *
 * @since 0.1.0
 */
public final class ResendMailClient implements ReactiveMailClient {

	private static final String KEY_HEADER = "Idempotency-Key";

	private static final String BATCH_VALIDATION_HEADER = "x-batch-validation";

	private final SaasHttpClient http;

	private final MailDefaults defaults;

	/** Idempotency keys of calls that give none. */
	private final RandomUuids keys = RandomUuids.shared();

	/**
	 * @param http client of the Resend API, see {@link #httpClient}
	 * @param defaults sender and reply-to of emails that set none
	 */
	public ResendMailClient(SaasHttpClient http, MailDefaults defaults) {
		Assert.notNull(http, "http must not be null");
		Assert.notNull(defaults, "defaults must not be null");
		this.http = http;
		this.defaults = defaults;
	}

	/**
	 * The HTTP client of the Resend API: base URL, timeouts and retries from the properties,
	 * bearer authentication, Resend's error decoding, the key kept out of messages and every
	 * attempt paced.
	 * @param factory the factory of provider clients
	 * @param properties the Resend client properties
	 * @param apiKey the Resend API key
	 * @param pacer the pacer shared by every call to Resend, typically a {@link ResendPacer}
	 * @return the client to give to {@link #ResendMailClient} and to the health check
	 */
	public static SaasHttpClient httpClient(SaasHttpClientFactory factory, SaasClientProperties properties,
			String apiKey, RequestPacer pacer) {
		Assert.hasText(apiKey, "apiKey must not be empty");
		return factory.client("resend")
			.properties(properties)
			.errorDecoder(ResendErrorDecoder.INSTANCE)
			.defaultHeaders((headers) -> headers.setBearerAuth(apiKey))
			.secrets(apiKey)
			.pacer(pacer)
			.build();
	}

	/**
	 * The JSON body of Resend's {@code POST /emails} for the email, byte for byte as this client
	 * sends it (the local console shows it for captured mails). Defaults are not applied here:
	 * give the email as it will be sent.
	 */
	public static String requestJson(Email email) {
		Assert.notNull(email, "email must not be null");
		return SaasJson.mapper().writeValueAsString(ResendWire.body(email));
	}

	@Override
	public Mono<SendResult> send(Email email) {
		return Mono.defer(() -> send(email, "email/" + this.keys.next()));
	}

	@Override
	public Mono<SendResult> send(Email email, String idempotencyKey) {
		return Mono.fromCallable(() -> {
			Assert.notNull(email, "email must not be null");
			ResendEmailChecks.checkIdempotencyKey(idempotencyKey);
			Email sent = this.defaults.applyTo(email);
			ResendEmailChecks.checkEmail(sent);
			return SaasRequest.post("emails.send", "/emails")
				.idempotencyKey(KEY_HEADER, idempotencyKey)
				.json(ResendWire.body(sent))
				.build();
		})
			.flatMap((request) -> this.http.exchange(request, IdBody.class))
			.map((response) -> new SendResult(requireId(response, "emails.send"), idempotencyKey,
					response.rateLimit()));
	}

	@Override
	public Mono<BatchResult> sendBatch(List<Email> emails, BatchOptions options) {
		return Mono.fromCallable(() -> chunks(emails, options))
			.flatMap((chunks) -> Flux.fromIterable(chunks)
				.concatMap((chunk) -> this.http.exchange(chunk.request(), BatchBody.class))
				.collectList()
				.map((responses) -> batchResult(chunks, responses)));
	}

	private List<Chunk> chunks(List<Email> emails, BatchOptions options) {
		Assert.notNull(emails, "emails must not be null");
		Assert.notNull(options, "options must not be null");
		String key = (options.idempotencyKey() != null) ? options.idempotencyKey() : "batch/" + this.keys.next();
		ResendEmailChecks.checkIdempotencyKey(key);
		List<Email> sent = emails.stream().map(this.defaults::applyTo).toList();
		ResendEmailChecks.checkBatch(sent);
		int size = ResendEmailChecks.MAX_BATCH_REQUEST;
		int chunks = (sent.size() + size - 1) / size;
		if (chunks > 1) {
			ResendEmailChecks.checkIdempotencyKey(chunkKey(key, chunks),
					"the key of the last of the " + chunks + " requests of this batch ('<key>/chunk-" + chunks + "')");
		}
		String validation = options.validation().name().toLowerCase(Locale.ROOT);
		List<Chunk> requests = new ArrayList<>(chunks);
		for (int chunk = 1; chunk <= chunks; chunk++) {
			List<ResendWire.SendEmailBody> bodies = sent.subList((chunk - 1) * size, Math.min(chunk * size, sent.size()))
				.stream()
				.map(ResendWire::body)
				.toList();
			String chunkKey = (chunks > 1) ? chunkKey(key, chunk) : key;
			requests.add(new Chunk(chunkKey, SaasRequest.post("emails.batch", "/emails/batch")
				.idempotencyKey(KEY_HEADER, chunkKey)
				.header(BATCH_VALIDATION_HEADER, validation)
				.json(bodies)
				.build()));
		}
		return requests;
	}

	private static String chunkKey(String key, int chunk) {
		return key + "/chunk-" + chunk;
	}

	private static BatchResult batchResult(List<Chunk> chunks, List<SaasResponse<BatchBody>> responses) {
		List<String> ids = new ArrayList<>();
		List<BatchError> errors = new ArrayList<>();
		RateLimit rateLimit = RateLimit.NONE;
		for (int chunk = 0; chunk < responses.size(); chunk++) {
			SaasResponse<BatchBody> response = responses.get(chunk);
			BatchBody body = response.body();
			if (body == null || body.data() == null) {
				throw malformed(response, "emails.batch", "no 'data' in the response");
			}
			for (IdBody id : body.data()) {
				if (id == null || id.id() == null) {
					throw malformed(response, "emails.batch", "an entry of 'data' has no id");
				}
				ids.add(id.id());
			}
			if (body.errors() != null) {
				int offset = chunk * ResendEmailChecks.MAX_BATCH_REQUEST;
				for (BatchErrorBody error : body.errors()) {
					errors.add(new BatchError(offset + error.index(),
							(error.message() != null) ? error.message() : "rejected by Resend"));
				}
			}
			rateLimit = response.rateLimit();
		}
		return new BatchResult(ids, errors, chunks.stream().map(Chunk::idempotencyKey).toList(), rateLimit);
	}

	@Override
	public Mono<SentEmail> get(String id) {
		return Mono.fromCallable(() -> SaasRequest.get("emails.get", "/emails/{id}", checkId(id)).build())
			.flatMap((request) -> this.http.exchange(request, EmailBody.class))
			.map((response) -> {
				SentEmail email = (response.body() != null) ? response.body().toSentEmail() : null;
				if (email == null) {
					throw malformed(response, "emails.get", "no email id in the response");
				}
				return email;
			});
	}

	@Override
	public Mono<EmailPage> list(int limit, @Nullable String after, @Nullable String before) {
		return Mono.fromCallable(() -> {
			if (limit < 1 || limit > 100) {
				throw new IllegalArgumentException("Invalid limit " + limit + ": Resend lists 1 to 100 emails per page");
			}
			return SaasRequest.get("emails.list", "/emails")
				.query("limit", limit)
				.query("after", after)
				.query("before", before)
				.build();
		})
			.flatMap((request) -> this.http.exchange(request, ListBody.class))
			.map((response) -> {
				if (response.body() == null) {
					throw malformed(response, "emails.list", "the response has no body");
				}
				return response.body().toPage();
			});
	}

	@Override
	public Mono<Void> reschedule(String id, String when) {
		return Mono.fromCallable(() -> {
			Assert.isTrue(when != null && !when.isBlank(), "Invalid schedule: 'when' is blank");
			return SaasRequest.patch("emails.reschedule", "/emails/{id}", checkId(id))
				.json(new RescheduleBody(when))
				.idempotent(true)
				.build();
		}).flatMap((request) -> this.http.exchange(request, Void.class)).then();
	}

	@Override
	public Mono<Void> cancel(String id) {
		return Mono
			.fromCallable(() -> SaasRequest.post("emails.cancel", "/emails/{id}/cancel", checkId(id))
				.idempotent(true)
				.build())
			.flatMap((request) -> this.http.exchange(request, Void.class))
			.then();
	}

	private static String checkId(@Nullable String id) {
		if (id == null || id.isBlank()) {
			throw new IllegalArgumentException("Invalid email id: it is blank");
		}
		return id;
	}

	private static String requireId(SaasResponse<IdBody> response, String operation) {
		IdBody body = response.body();
		if (body == null || body.id() == null) {
			throw malformed(response, operation, "no email id in the response");
		}
		return body.id();
	}

	private static SaasMalformedResponseException malformed(SaasResponse<?> response, String operation,
			String detail) {
		return new SaasMalformedResponseException("resend", operation, response.status(), detail);
	}

	@Override
	public String toString() {
		return "ResendMailClient[" + this.http + "]";
	}

	/** One request of a batch and its idempotency key. */
	private record Chunk(String idempotencyKey, SaasRequest request) {
	}

}
