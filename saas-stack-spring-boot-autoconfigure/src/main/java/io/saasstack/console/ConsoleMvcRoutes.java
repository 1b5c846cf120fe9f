package io.saasstack.console;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The console of a Spring MVC application: every request below its path, answered by the
 * {@link LocalConsole}; a request from another machine gets 404 unless remote access is allowed.
 *
 * @since 0.1.0
 */
public final class ConsoleMvcRoutes {

	private ConsoleMvcRoutes() {
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

	private static ServerResponse handle(LocalConsole console, boolean allowRemote, ServerRequest request)
			throws IOException {
		if (!ConsoleAccess.allows(address(request.servletRequest().getRemoteAddr()), request.headers().asHttpHeaders(),
				allowRemote)) {
			return ServerResponse.notFound().build();
		}
		byte[] body = request.method().name().equals("GET") ? new byte[0]
				: request.servletRequest().getInputStream().readNBytes(ConsoleRequest.MAX_BODY_BYTES + 1);
		if (body.length > ConsoleRequest.MAX_BODY_BYTES) {
			return ServerResponse.status(413).build();
		}
		Map<String, String> parameters = new LinkedHashMap<>();
		request.params().forEach((name, values) -> parameters.put(name, values.isEmpty() ? "" : values.get(0)));
		String contentType = request.headers().asHttpHeaders().getFirst("Content-Type");
		ConsoleResponse response = console.handle(new ConsoleRequest(request.method().name(),
				request.path().substring(console.path().length()), parameters, contentType, body));
		ServerResponse.BodyBuilder builder = ServerResponse.status(response.status());
		response.headers().forEach(builder::header);
		if (response.contentType() == null) {
			return builder.build();
		}
		return builder.header("Content-Type", response.contentType()).body(response.body());
	}

	private static @Nullable InetAddress address(@Nullable String remote) {
		if (remote == null) {
			return null;
		}
		try {
			// a literal address: no lookup
			return InetAddress.getByName(remote);
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

}
