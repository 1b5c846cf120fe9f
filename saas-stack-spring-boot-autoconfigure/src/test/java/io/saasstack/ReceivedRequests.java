package io.saasstack;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

/**
 * The requests a WireMock server received, recorded as soon as they are matched: WireMock
 * journals a request only once its answer is written, so a request given up by its client during a
 * fixed delay never reaches {@link WireMock#findAll}. Register it with
 * {@code wireMockConfig().extensions(received)}.
 */
public final class ReceivedRequests implements ServeEventListener {

	private final List<LoggedRequest> requests = new CopyOnWriteArrayList<>();

	@Override
	public void afterMatch(ServeEvent serveEvent, Parameters parameters) {
		this.requests.add(serveEvent.getRequest());
	}

	/** The requests received so far that match the pattern (method, URL, headers). */
	public List<LoggedRequest> matching(RequestPatternBuilder pattern) {
		return this.requests.stream().filter((request) -> pattern.build().match(request).isExactMatch()).toList();
	}

	/**
	 * Sends the server one request and forgets it: WireMock's first match can take seconds on a
	 * loaded machine, longer than the short key-set timeouts of the tests.
	 */
	public void warmUp(String baseUrl) {
		try {
			java.net.http.HttpClient.newHttpClient()
				.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl + "/__warm-up")).build(),
						java.net.http.HttpResponse.BodyHandlers.discarding());
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		clear();
	}

	/** Forgets the requests received so far. */
	public void clear() {
		this.requests.clear();
	}

	/** All requests received so far. */
	public List<LoggedRequest> all() {
		return List.copyOf(this.requests);
	}

	@Override
	public boolean applyGlobally() {
		return true;
	}

	@Override
	public String getName() {
		return "received-requests";
	}

}
