package io.saasstack.webhooks;

import java.util.List;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.util.Assert;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The webhook endpoints of a WebFlux application: {@code POST <path>} per endpoint, joining the
 * raw body buffers (no codec; at most {@link WebhookProcessor#MAX_BODY_BYTES}, 413 beyond), then running the {@link WebhookProcessor} on the bounded-elastic
 * scheduler, since the {@code @EventListener}s it calls are synchronous and may block.
 *
 * @since 0.1.0
 */
public final class WebhookFluxRoutes {

	private WebhookFluxRoutes() {
	}

	/**
	 * The routes of the given endpoints.
	 * @param endpoints at least one endpoint
	 * @param processor the processor
	 * @return the router function
	 */
	public static RouterFunction<ServerResponse> routes(List<WebhookEndpoint> endpoints, WebhookProcessor processor) {
		Assert.notEmpty(endpoints, "At least one webhook endpoint is needed");
		RouterFunctions.Builder builder = RouterFunctions.route();
		for (WebhookEndpoint endpoint : endpoints) {
			builder.route(RequestPredicates.POST(endpoint.path()), (request) -> handle(endpoint, processor, request));
		}
		return builder.build();
	}

	private static Mono<ServerResponse> handle(WebhookEndpoint endpoint, WebhookProcessor processor,
			ServerRequest request) {
		return DataBufferUtils.join(request.body(BodyExtractors.toDataBuffers()), WebhookProcessor.MAX_BODY_BYTES)
			.map((buffer) -> {
				try {
					byte[] bytes = new byte[buffer.readableByteCount()];
					buffer.read(bytes);
					return bytes;
				}
				finally {
					DataBufferUtils.release(buffer);
				}
			})
			.defaultIfEmpty(new byte[0])
			.publishOn(Schedulers.boundedElastic())
			.map((body) -> processor.process(endpoint, request.headers().asHttpHeaders(), body))
			.flatMap(WebhookFluxRoutes::toServerResponse)
			.onErrorResume(org.springframework.core.io.buffer.DataBufferLimitException.class,
					(ex) -> ServerResponse.status(413).bodyValue("webhook payload too large"));
	}

	private static Mono<ServerResponse> toServerResponse(WebhookResponse response) {
		ServerResponse.BodyBuilder builder = ServerResponse.status(response.status());
		if (response.body() == null) {
			return builder.build();
		}
		if (response.contentType() != null) {
			builder.contentType(response.contentType());
		}
		return builder.bodyValue(response.body());
	}

}
