package io.saasstack.testsupport.postgres;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the server's log (its stderr, through the watchdog's stdout) on a daemon thread: keeps the last lines for
 * error messages and tells when the server is ready. The log also has to be read for the server not to block on a
 * full pipe.
 */
final class ServerOutput {

	private static final int KEPT_LINES = 200;

	private static final String READY = "database system is ready to accept connections";

	private static final Pattern VERSION = Pattern.compile("starting (PostgreSQL \\S+)");

	private final Deque<String> lines = new ArrayDeque<>();

	private final CountDownLatch ready = new CountDownLatch(1);

	private volatile String version = "PostgreSQL";

	private ServerOutput() {
	}

	static ServerOutput follow(InputStream input, String name) {
		ServerOutput output = new ServerOutput();
		Thread reader = new Thread(() -> output.read(input), name);
		reader.setDaemon(true);
		reader.start();
		return output;
	}

	private void read(InputStream input) {
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				add(line);
				Matcher version = VERSION.matcher(line);
				if (version.find()) {
					this.version = version.group(1);
				}
				if (line.contains(READY)) {
					this.ready.countDown();
				}
			}
		}
		catch (IOException ex) {
			add("(reading the server's output failed: " + ex + ")");
		}
	}

	private synchronized void add(String line) {
		if (this.lines.size() == KEPT_LINES) {
			this.lines.removeFirst();
		}
		this.lines.addLast(line);
	}

	boolean awaitReady(Duration timeout) throws InterruptedException {
		return this.ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	synchronized boolean contains(String text) {
		return this.lines.stream().anyMatch((line) -> line.contains(text));
	}

	synchronized String tail(int count) {
		return this.lines.stream().skip(Math.max(0, this.lines.size() - count)).reduce((a, b) -> a + "\n" + b)
			.orElse("(no output)");
	}

	String version() {
		return this.version;
	}

}
