package io.saasstack.console;

import java.net.InetAddress;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * Who may reach the console: by default only a browser on the same machine, connected directly
 * (a loopback address, and no forwarding header, which a proxy in front of the application would
 * add). With {@code saas.console.allow-remote=true}, anyone who reaches the application.
 */
final class ConsoleAccess {

	private static final List<String> FORWARDING_HEADERS = List.of("Forwarded", "X-Forwarded-For", "X-Forwarded-Host",
			"X-Real-IP");

	private ConsoleAccess() {
	}

	static boolean allows(@Nullable InetAddress remote, HttpHeaders headers, boolean allowRemote) {
		if (allowRemote) {
			return true;
		}
		if (remote == null || !remote.isLoopbackAddress()) {
			return false;
		}
		return FORWARDING_HEADERS.stream().noneMatch(headers::containsHeader);
	}

}
