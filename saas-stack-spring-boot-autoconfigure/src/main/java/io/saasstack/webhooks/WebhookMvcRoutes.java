package io.saasstack.webhooks;

import java.io.IOException;
import java.util.List;

import org.springframework.util.Assert;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The webhook endpoints of a Spring MVC application: {@code POST <path>} per endpoint, reading the
 * raw body from the servlet input stream (no message conversion; at most
 * {@link WebhookProcessor#MAX_BODY_BYTES}, 413 beyond) and answering what the
 * {@link WebhookProcessor} decides.
 *
 * @since 0.1.0
 */
public final class WebhookMvcRoutes {

	private WebhookMvcRoutes() {
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

	private static ServerResponse handle(WebhookEndpoint endpoint, WebhookProcessor processor, ServerRequest request)
			throws IOException {
		byte[] body = request.servletRequest().getInputStream().readNBytes(WebhookProcessor.MAX_BODY_BYTES + 1);
		if (body.length > WebhookProcessor.MAX_BODY_BYTES) {
			return ServerResponse.status(413).body("webhook payload too large");
		}
		WebhookResponse response = processor.process(endpoint, request.headers().asHttpHeaders(), body);
		ServerResponse.BodyBuilder builder = ServerResponse.status(response.status());
		if (response.body() == null) {
			return builder.build();
		}
		if (response.contentType() != null) {
			builder.contentType(response.contentType());
		}
		return builder.body(response.body());
	}

}
