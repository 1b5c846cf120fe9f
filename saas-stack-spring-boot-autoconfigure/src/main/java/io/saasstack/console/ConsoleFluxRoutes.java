package io.saasstack.console;

import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.util.Assert;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The console of a Spring WebFlux application: every request below its path, answered by the
 * {@link LocalConsole} off the event loop; a request from another machine gets 404 unless remote
 * access is allowed.
 *
 * @since 0.1.0
 */
public final class ConsoleFluxRoutes {

	private ConsoleFluxRoutes() {
	}

	/**
	 * The routes of the console.
	 * @param console the console
	 * @param allowRemote whether requests from other machines are answered
	 * @return the router function
	 */
	public static RouterFunction<ServerResponse> routes(LocalConsole console, boolean allowRemote) {
		Assert.notNull(console, "console must not be null");
		return RouterFunctions.route(RequestPredicates.path(console.path() + "/**"),
				(request) -> handle(console, allowRemote, request));
	}

	private static Mono<ServerResponse> handle(LocalConsole console, boolean allowRemote, ServerRequest request) {
		if (!ConsoleAccess.allows(request.remoteAddress().map(InetSocketAddress::getAddress).orElse(null),
				request.headers().asHttpHeaders(), allowRemote)) {
			return ServerResponse.notFound().build();
		}
		Mono<byte[]> body = request.method().name().equals("GET") ? Mono.just(new byte[0])
				: DataBufferUtils.join(request.body(BodyExtractors.toDataBuffers()),
						ConsoleRequest.MAX_BODY_BYTES)
					.map((buffer) -> {
						byte[] bytes = new byte[buffer.readableByteCount()];
						buffer.read(bytes);
						DataBufferUtils.release(buffer);
						return bytes;
					})
					.defaultIfEmpty(new byte[0]);
		Map<String, String> parameters = new LinkedHashMap<>();
		request.queryParams().forEach((name, values) -> parameters.put(name, values.isEmpty() ? "" : values.get(0)));
		String contentType = request.headers().asHttpHeaders().getFirst("Content-Type");
		String path = request.path().substring(console.path().length());
		return body
			.publishOn(Schedulers.boundedElastic())
			.map((bytes) -> console.handle(new ConsoleRequest(request.method().name(), path, parameters, contentType, bytes)))
			.flatMap(ConsoleFluxRoutes::toServerResponse)
			.onErrorResume(DataBufferLimitException.class,
					(ex) -> ServerResponse.status(413).build());
	}

	private static Mono<ServerResponse> toServerResponse(ConsoleResponse response) {
		ServerResponse.BodyBuilder builder = ServerResponse.status(response.status());
		response.headers().forEach(builder::header);
		if (response.contentType() == null) {
			return builder.build();
		}
		return builder.header("Content-Type", response.contentType()).bodyValue(response.body());
	}

}
