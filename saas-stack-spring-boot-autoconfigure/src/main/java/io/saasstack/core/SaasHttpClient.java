package io.saasstack.core;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The HTTP client of one provider. Every call is observed, its errors are decoded into the
 * {@link SaasException} hierarchy and retryable failures are retried by the client's
 * {@link RetryPolicy}. Reactive throughout: blocking clients call {@code block()} on the result,
 * which is always bounded in time. Create instances with {@link SaasHttpClientFactory}.
 *
 * @since 0.1.0
 */
public final class SaasHttpClient {

	private static final byte[] EMPTY = new byte[0];

	private static final DefaultSaasClientObservationConvention DEFAULT_CONVENTION = new DefaultSaasClientObservationConvention();

	private final String provider;

	/** Creates the client; called once, at the first call. */
	private final Supplier<WebClient> webClient;

	/** The client once created. */
	private volatile @Nullable WebClient created;

	private final RetryPolicy retryPolicy;

	private final Duration responseTimeout;

	private final Duration attemptTimeout;

	private final ProviderErrorDecoder errorDecoder;

	private final RateLimitParser rateLimitParser;

	private final List<String> requestIdHeaders;

	private final List<String> secrets;

	private final ObservationRegistry observationRegistry;

	private final @Nullable SaasClientObservationConvention observationConvention;

	private final RequestPacer pacer;

	/** How many answers were successful (2xx). */
	private final AtomicLong acceptedAnswers = new AtomicLong();

	/** {@link System#nanoTime()} of the last such answer, valid once one was counted. */
	private volatile long lastAcceptedAnswer;

	SaasHttpClient(String provider, Supplier<WebClient> webClient, RetryPolicy retryPolicy, Duration connectTimeout,
			Duration responseTimeout,
			ProviderErrorDecoder errorDecoder, RateLimitParser rateLimitParser, List<String> requestIdHeaders,
			List<String> secrets, ObservationRegistry observationRegistry,
			@Nullable SaasClientObservationConvention observationConvention, RequestPacer pacer) {
		this.provider = provider;
		this.webClient = webClient;
		this.retryPolicy = retryPolicy;
		this.responseTimeout = responseTimeout;
		// a backstop for connectors that do not enforce the timeouts themselves
		this.attemptTimeout = connectTimeout.plus(responseTimeout);
		this.errorDecoder = errorDecoder;
		this.rateLimitParser = rateLimitParser;
		this.requestIdHeaders = List.copyOf(requestIdHeaders);
		this.secrets = List.copyOf(secrets);
		this.observationRegistry = observationRegistry;
		this.observationConvention = observationConvention;
		this.pacer = pacer;
	}

	/** Provider id, for example {@code resend}. */
	public String provider() {
		return this.provider;
	}

	/**
	 * How many answers of the provider were successful (2xx): the provider up and the credentials
	 * accepted. Health checks read it as evidence: see {@link #sinceLastAcceptedAnswer()}.
	 */
	public long acceptedAnswers() {
		return this.acceptedAnswers.get();
	}

	/** The time since the last {@link #acceptedAnswers() successful answer}, null when none came yet. */
	public @Nullable Duration sinceLastAcceptedAnswer() {
		return (this.acceptedAnswers.get() > 0) ? Duration.ofNanos(System.nanoTime() - this.lastAcceptedAnswer) : null;
	}

	/** The retry policy applied to every call. */
	public RetryPolicy retryPolicy() {
		return this.retryPolicy;
	}

	/** Calls the provider and decodes the body as the given type ({@code Void} to ignore it). */
	public <T> Mono<SaasResponse<T>> exchange(SaasRequest request, Class<T> bodyType) {
		return exchange(request, SaasJson.mapper().constructType(bodyType));
	}

	/** Calls the provider and decodes the body as the given generic type. */
	public <T> Mono<SaasResponse<T>> exchange(SaasRequest request, ParameterizedTypeReference<T> bodyType) {
		return exchange(request, SaasJson.mapper().constructType(bodyType.getType()));
	}

	/** Calls the provider and returns the decoded body; empty when the response has none. */
	public <T> Mono<T> retrieve(SaasRequest request, Class<T> bodyType) {
		return exchange(request, bodyType).mapNotNull(SaasResponse::body);
	}

	/** Calls the provider and returns the decoded body; empty when the response has none. */
	public <T> Mono<T> retrieve(SaasRequest request, ParameterizedTypeReference<T> bodyType) {
		return exchange(request, bodyType).mapNotNull(SaasResponse::body);
	}

	private <T> Mono<SaasResponse<T>> exchange(SaasRequest request, JavaType bodyType) {
		return Mono.defer(() -> {
			SaasClientObservationContext context = new SaasClientObservationContext(this.provider, request);
			Observation observation = Observation.createNotStarted(this.observationConvention, DEFAULT_CONVENTION,
					() -> context, this.observationRegistry);
			observation.start();
			Mono<SaasResponse<T>> attempt = Mono.defer(() -> {
				context.recordAttempt();
				return this.<T>attempt(request, bodyType).doOnNext((response) -> context.setStatus(response.status()))
					.doOnError((ex) -> context.setStatus(statusOf(ex)));
			});
			// stopped before the result reaches the caller, once (a cancel may follow the result)
			AtomicBoolean stopped = new AtomicBoolean();
			Runnable stop = () -> {
				if (stopped.compareAndSet(false, true)) {
					observation.stop();
				}
			};
			return attempt.retryWhen(new SaasRetry(this.retryPolicy, request))
				.doOnError(observation::error)
				.doOnTerminate(stop)
				.doOnCancel(stop)
				.contextWrite((reactorContext) -> reactorContext.put(ObservationThreadLocalAccessor.KEY, observation));
		});
	}

	private static @Nullable Integer statusOf(Throwable ex) {
		if (ex instanceof SaasApiException apiException) {
			return apiException.getStatus();
		}
		if (ex instanceof SaasMalformedResponseException malformed) {
			return malformed.getStatus();
		}
		return null;
	}

	private <T> Mono<SaasResponse<T>> attempt(SaasRequest request, JavaType bodyType) {
		WebClient client = this.created;
		if (client != null) {
			return attempt(client, request, bodyType);
		}
		// the first call creates the client: a lock shared by concurrent first calls, class loading
		// and resource reads, which must not happen on a thread that must not block
		Mono<WebClient> create = Mono.fromSupplier(() -> {
			WebClient first = this.webClient.get();
			this.created = first;
			return first;
		});
		if (Schedulers.isInNonBlockingThread()) {
			create = create.subscribeOn(Schedulers.boundedElastic());
		}
		return create.flatMap((first) -> attempt(first, request, bodyType));
	}

	@SuppressWarnings("unchecked")
	private <T> Mono<SaasResponse<T>> attempt(WebClient client, SaasRequest request, JavaType bodyType) {
		List<Object> variables = new ArrayList<>();
		String uriTemplate = request.uriTemplate(variables);
		WebClient.RequestBodySpec spec = client.method(request.method())
			.uri(uriTemplate, variables.toArray())
			.headers((headers) -> headers.addAll(request.headers()));
		WebClient.RequestHeadersSpec<?> withBody = switch (request.bodyType()) {
			case NONE -> spec;
			case JSON -> spec.bodyValue(Objects.requireNonNull(request.jsonBody()));
			case FORM -> spec.body(BodyInserters.fromFormData((MultiValueMap<String, String>) request.body()));
			case MULTIPART -> spec.body(BodyInserters.fromMultipartData((MultiValueMap<String, ?>) request.body()));
		};
		return withBody
			.exchangeToMono((response) -> response.bodyToMono(byte[].class)
				.onErrorMap(DataBufferLimitException.class,
						(ex) -> new SaasMalformedResponseException(this.provider, request.operation(),
								response.statusCode().value(),
								"the body is larger than spring.http.codecs.max-in-memory-size allows", ex))
				.defaultIfEmpty(EMPTY)
				.map((body) -> this.<T>toResponse(request, response, body, bodyType)))
			.timeout(this.attemptTimeout)
			.onErrorMap((ex) -> !(ex instanceof SaasException), (ex) -> transportException(request, ex))
			.doOnError(SaasRateLimitException.class, this.pacer::rejected)
			.transform((exchange) -> (this.pacer != RequestPacer.NONE) ? this.pacer.acquire(request).then(exchange)
					: exchange);
	}

	private <T> SaasResponse<T> toResponse(SaasRequest request, ClientResponse response, byte[] body,
			JavaType bodyType) {
		int status = response.statusCode().value();
		HttpHeaders headers = response.headers().asHttpHeaders();
		RateLimit rateLimit = parseRateLimit(headers);
		if (status >= 200 && status < 300) {
			this.lastAcceptedAnswer = System.nanoTime();
			this.acceptedAnswers.incrementAndGet();
		}
		observed(request, rateLimit);
		if (status >= 400) {
			throw apiException(request, new ErrorResponse(status, headers, body), rateLimit);
		}
		return new SaasResponse<>(status, headers, decode(request, status, body, bodyType), rateLimit,
				requestId(headers));
	}

	@SuppressWarnings("unchecked")
	private <T> @Nullable T decode(SaasRequest request, int status, byte[] body, JavaType bodyType) {
		Class<?> raw = bodyType.getRawClass();
		if (raw == Void.class || raw == void.class) {
			return null;
		}
		if (raw == byte[].class) {
			return (T) body;
		}
		if (body.length == 0) {
			return null;
		}
		if (raw == String.class) {
			return (T) new String(body, StandardCharsets.UTF_8);
		}
		try {
			return SaasJson.mapper().readValue(body, bodyType);
		}
		catch (JacksonException ex) {
			throw new SaasMalformedResponseException(this.provider, request.operation(), status,
					mask(ex.getOriginalMessage()), ex);
		}
	}

	private SaasApiException apiException(SaasRequest request, ErrorResponse response, RateLimit rateLimit) {
		ProviderError error = decodeError(response);
		if (error.message() == null) {
			// a body the provider's decoder does not know (a gateway's JSON, plain text): a snippet
			// rather than a bare status
			error = new ProviderError(error.code(), response.snippet(), error.requestId(), error.retryable(),
					error.rateLimited());
		}
		if (error.requestId() == null) {
			error = new ProviderError(error.code(), error.message(), requestId(response.headers()), error.retryable(),
					error.rateLimited());
		}
		error = new ProviderError(mask(error.code()), mask(error.message()), error.requestId(), error.retryable(),
				error.rateLimited());
		int status = response.status();
		boolean retryable = (error.retryable() != null) ? error.retryable() : isRetryableStatus(status);
		String operation = request.operation();
		if (status == 429 || error.rateLimited()) {
			return new SaasRateLimitException(this.provider, operation, status, error, rateLimit, retryable);
		}
		if (status == 401 || status == 403) {
			return new SaasAuthenticationException(this.provider, operation, status, error, rateLimit);
		}
		return new SaasApiException(this.provider, operation, status, error, rateLimit, retryable);
	}

	private ProviderError decodeError(ErrorResponse response) {
		try {
			return this.errorDecoder.decode(response);
		}
		catch (RuntimeException ex) {
			return ProviderErrorDecoder.GENERIC.decode(response);
		}
	}

	/** 408, 429, 500, 502, 503, 504 and the 52x statuses of Cloudflare-fronted APIs. */
	static boolean isRetryableStatus(int status) {
		return status == 408 || status == 429 || status == 500 || status == 502 || status == 503 || status == 504
				|| (status >= 520 && status <= 530);
	}

	private void observed(SaasRequest request, RateLimit rateLimit) {
		if (this.pacer == RequestPacer.NONE) {
			return;
		}
		try {
			this.pacer.observed(request, rateLimit);
		}
		catch (RuntimeException ex) {
			// a pacer's failure to adapt must not fail the call it observed
		}
	}

	private RateLimit parseRateLimit(HttpHeaders headers) {
		try {
			return this.rateLimitParser.parse(headers);
		}
		catch (RuntimeException ex) {
			return RateLimit.NONE;
		}
	}

	private @Nullable String requestId(HttpHeaders headers) {
		for (String name : this.requestIdHeaders) {
			String value = headers.getFirst(name);
			if (value != null && !value.isBlank()) {
				return value;
			}
		}
		return null;
	}

	private SaasTransportException transportException(SaasRequest request, Throwable ex) {
		// Apache HttpClient's ConnectTimeoutException is no ConnectException (Netty's is)
		boolean connectFailure = hasCause(ex, ConnectException.class) || hasCause(ex, UnknownHostException.class)
				|| hasCause(ex, NoRouteToHostException.class) || causeNameContains(ex, "ConnectTimeout");
		boolean timeout = hasCause(ex, TimeoutException.class) || hasCause(ex, SocketTimeoutException.class)
				|| causeNameContains(ex, "Timeout");
		String message;
		if (timeout && !connectFailure) {
			// Reactor Netty's ReadTimeoutException, the JDK client's HttpTimeoutException (its request
			// timeout), Apache HttpClient's SocketTimeoutException: the connector's own response
			// timeout; a TimeoutException: the attempt's backstop
			boolean responseTimeout = causeNameContains(ex, "ReadTimeout") || hasCause(ex, HttpTimeoutException.class)
					|| hasCause(ex, SocketTimeoutException.class);
			Duration limit = responseTimeout ? this.responseTimeout : this.attemptTimeout;
			message = "no response within " + limit.toMillis() + " ms";
		}
		else {
			Throwable root = rootCause(ex);
			message = root.getClass().getSimpleName() + ((root.getMessage() != null) ? ": " + root.getMessage() : "");
		}
		return new SaasTransportException(this.provider, request.operation(), mask(message), connectFailure, timeout,
				ex);
	}

	private static boolean hasCause(Throwable ex, Class<? extends Throwable> type) {
		for (Throwable candidate = ex; candidate != null; candidate = candidate.getCause()) {
			if (type.isInstance(candidate)) {
				return true;
			}
			if (candidate.getCause() == candidate) {
				break;
			}
		}
		return false;
	}

	private static boolean causeNameContains(Throwable ex, String text) {
		for (Throwable candidate = ex; candidate != null; candidate = candidate.getCause()) {
			if (candidate.getClass().getSimpleName().contains(text)) {
				return true;
			}
			if (candidate.getCause() == candidate) {
				break;
			}
		}
		return false;
	}

	private static Throwable rootCause(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root;
	}

	private @Nullable String mask(@Nullable String text) {
		return Secrets.mask(text, this.secrets);
	}

	@Override
	public String toString() {
		return "SaasHttpClient[" + this.provider + "]";
	}

}
