package io.saasstack.testsupport.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Runs short commands (initdb, cp, id) and keeps their output for the error messages. */
final class Commands {

	private Commands() {
	}

	record Result(int exitCode, String output) {

		boolean succeeded() {
			return this.exitCode == 0;
		}

		String tail(int lines) {
			return Commands.tail(this.output, lines);
		}

	}

	static Result run(List<String> command, Duration timeout) {
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
		Process process;
		try {
			process = builder.start();
		}
		catch (IOException ex) {
			throw new PostgresStartException("PostgreSQL for the tests cannot start: could not run " + command.get(0)
					+ " (" + ex.getMessage() + ")", ex);
		}
		CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
		try {
			if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
				throw new PostgresStartException("PostgreSQL for the tests cannot start: " + String.join(" ", command)
						+ " did not finish within " + timeout.toSeconds() + " s");
			}
			return new Result(process.exitValue(), output.get(5, TimeUnit.SECONDS));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
			throw new PostgresStartException("interrupted while running " + command.get(0), ex);
		}
		catch (ExecutionException | java.util.concurrent.TimeoutException ex) {
			return new Result(process.exitValue(), "(output unreadable: " + ex + ")");
		}
	}

	private static String readAll(InputStream input) {
		try (input) {
			return new String(input.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String tail(String text, int lines) {
		String[] all = text.strip().split("\n");
		int from = Math.max(0, all.length - lines);
		return String.join("\n", java.util.Arrays.asList(all).subList(from, all.length));
	}

}
