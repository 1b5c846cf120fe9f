package io.saasstack.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Scans everything the tests write to {@code System.out} and {@code System.err} (logging
 * included: Boot's console appender writes through them) for the credentials the tests use, on
 * every run. Registered through {@code META-INF/services}, so it wraps every test of each module
 * that has this module as a test dependency.
 * <p>
 * The credentials are those of the module's {@code leak-scan/secrets.txt} test resource and every
 * literal of its test sources that has a credential prefix ({@code re_}, {@code sk_test_},
 * {@code sb_secret_}, {@code whsec_}, {@code private_}...). A hit is written, masked, to
 * {@code target/leak-scan/hits.txt}, which fails {@code mvn verify} (enforcer rule
 * {@code requireFilesDontExist} of the parent pom); {@code target/leak-scan/report.txt} tells
 * what was scanned. Set {@code -Dleak-scan.demo=true} to make the autoconfigure module's
 * {@code LeakScanDemoTests} print a credential and watch the build fail.
 */
public final class LeakScanListener implements TestExecutionListener {

	static final Path DIRECTORY = Path.of("target", "leak-scan");

	static final Path HITS = DIRECTORY.resolve("hits.txt");

	static final Path REPORT = DIRECTORY.resolve("report.txt");

	private static final int MIN_LENGTH = 8;

	private static final Pattern PREFIXED = Pattern.compile(
			"\"((?:re|sk_test|sk_live|sb_secret|whsec|v1,whsec|private)_[A-Za-z0-9_+/=.-]{6,})\"");

	/** Prefixed literals that are names, not credentials. */
	private static final Set<String> NOT_SECRETS = Set.of("private_metadata");

	private final List<String> hits = Collections.synchronizedList(new ArrayList<>());

	private volatile String currentTest = "(no test)";

	private List<String> secrets = List.of();

	private long scannedBytes;

	private PrintStream originalOut;

	private PrintStream originalErr;

	private Scanner out;

	private Scanner err;

	@Override
	public void testPlanExecutionStarted(TestPlan testPlan) {
		this.secrets = loadSecrets();
		try {
			Files.createDirectories(DIRECTORY);
			Files.deleteIfExists(HITS);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.originalOut = System.out;
		this.originalErr = System.err;
		this.out = new Scanner(this.originalOut, "stdout");
		this.err = new Scanner(this.originalErr, "stderr");
		System.setOut(new PrintStream(this.out, true, StandardCharsets.UTF_8));
		System.setErr(new PrintStream(this.err, true, StandardCharsets.UTF_8));
	}

	@Override
	public void executionStarted(TestIdentifier testIdentifier) {
		if (testIdentifier.isTest()) {
			this.currentTest = testIdentifier.getUniqueId();
		}
	}

	@Override
	public void executionFinished(TestIdentifier testIdentifier, TestExecutionResult testExecutionResult) {
		if (testIdentifier.isTest()) {
			System.out.flush();
			System.err.flush();
			this.out.scanPending();
			this.err.scanPending();
		}
	}

	@Override
	public void testPlanExecutionFinished(TestPlan testPlan) {
		System.out.flush();
		System.err.flush();
		this.out.scanPending();
		this.err.scanPending();
		System.setOut(this.originalOut);
		System.setErr(this.originalErr);
		List<String> report = new ArrayList<>();
		report.add("credentials scanned for: " + this.secrets.size());
		report.add("bytes of output scanned: " + this.scannedBytes);
		report.add("hits: " + this.hits.size());
		try {
			Files.write(REPORT, report, StandardCharsets.UTF_8);
			if (!this.hits.isEmpty()) {
				Files.write(HITS, this.hits, StandardCharsets.UTF_8);
				this.originalErr.println("LEAK SCAN: " + this.hits.size() + " credential(s) found in the test output; see "
						+ HITS.toAbsolutePath());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static List<String> loadSecrets() {
		Set<String> secrets = new TreeSet<>();
		try (InputStream in = LeakScanListener.class.getResourceAsStream("/leak-scan/secrets.txt")) {
			if (in != null) {
				for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
					String value = line.strip();
					if (!value.isEmpty() && !value.startsWith("#")) {
						secrets.add(value);
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		secrets.addAll(harvest(Path.of("src", "test", "java")));
		secrets.removeIf((secret) -> secret.length() < MIN_LENGTH || NOT_SECRETS.contains(secret));
		return List.copyOf(secrets);
	}

	/** The prefixed credential literals of the test sources. */
	static Set<String> harvest(Path sources) {
		Set<String> found = new TreeSet<>();
		if (!Files.isDirectory(sources)) {
			return found;
		}
		try (Stream<Path> files = Files.walk(sources)) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".java")).toList()) {
				Matcher matcher = PREFIXED.matcher(Files.readString(file));
				while (matcher.find()) {
					found.add(matcher.group(1));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return found;
	}

	/** A credential as it may appear in a report: its start and length, never the value. */
	static String masked(String secret) {
		return secret.substring(0, Math.min(4, secret.length())) + "… (" + secret.length() + " characters)";
	}

	private void scan(String text, String stream) {
		this.scannedBytes += text.length();
		for (String secret : this.secrets) {
			if (text.contains(secret)) {
				this.hits.add(stream + " of " + this.currentTest + ": " + masked(secret));
			}
		}
	}

	/**
	 * Forwards every byte and scans the text line by line; a line longer than the buffer is
	 * scanned in overlapping pieces, so that no credential is missed at a boundary.
	 */
	private final class Scanner extends OutputStream {

		private static final int MAX_PENDING = 64 * 1024;

		private final PrintStream target;

		private final String name;

		private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

		Scanner(PrintStream target, String name) {
			this.target = target;
			this.name = name;
		}

		@Override
		public synchronized void write(int b) {
			this.target.write(b);
			this.pending.write(b);
			if (b == '\n' || this.pending.size() >= MAX_PENDING) {
				scanPending();
			}
		}

		@Override
		public synchronized void write(byte[] bytes, int offset, int length) {
			this.target.write(bytes, offset, length);
			for (int i = offset; i < offset + length; i++) {
				this.pending.write(bytes[i]);
				if (bytes[i] == '\n' || this.pending.size() >= MAX_PENDING) {
					scanPending();
				}
			}
		}

		@Override
		public void flush() {
			this.target.flush();
		}

		synchronized void scanPending() {
			if (this.pending.size() == 0) {
				return;
			}
			String text = this.pending.toString(StandardCharsets.UTF_8);
			scan(text, this.name);
			this.pending.reset();
			if (!text.endsWith("\n")) {
				// keep the tail, a credential may continue in the next piece
				int keep = Math.min(text.length(), 512);
				byte[] tail = text.substring(text.length() - keep).getBytes(StandardCharsets.UTF_8);
				this.pending.write(tail, 0, tail.length);
				LeakScanListener.this.scannedBytes -= keep;
			}
		}

	}

}
