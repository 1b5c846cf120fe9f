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
import java.util.UUID;
import java.util.function.Supplier;
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
 * what was scanned.
 * <p>
 * The scan checks itself: when the run starts it writes a random canary to {@code System.out}
 * and {@code System.err} and looks for it with the credentials. Only when both were seen and
 * there was at least one credential to look for is {@code target/leak-scan/scanned.txt}
 * written, which {@code mvn verify} requires (enforcer rule {@code requireFilesExist}); else
 * {@code hits.txt} says why. A scanner that stopped scanning fails the build too.
 */
public final class LeakScanListener implements TestExecutionListener {

	static final Path DIRECTORY = Path.of("target", "leak-scan");

	static final String HITS = "hits.txt";

	static final String REPORT = "report.txt";

	static final String SCANNED = "scanned.txt";

	private static final int MIN_LENGTH = 8;

	private static final Pattern PREFIXED = Pattern.compile(
			"\"((?:re|sk_test|sk_live|sb_secret|whsec|v1,whsec|private)_[A-Za-z0-9_+/=.-]{6,})\"");

	/** Prefixed literals that are names, not credentials. */
	private static final Set<String> NOT_SECRETS = Set.of("private_metadata");

	private final List<String> hits = Collections.synchronizedList(new ArrayList<>());

	private final Path directory;

	private final Supplier<List<String>> secretsSource;

	/** Written at the start of the run, looked for like a credential: proves that the scan works. */
	private final String canary = "leak-scan-canary-" + UUID.randomUUID();

	private final Set<String> canarySeenOn = Collections.synchronizedSet(new TreeSet<>());

	private volatile String currentTest = "(no test)";

	private List<String> secrets = List.of();

	private long scannedBytes;

	private int credentials;

	private PrintStream originalOut;

	private PrintStream originalErr;

	private Scanner out;

	private Scanner err;

	/** The scanner of the module's test run: {@code target/leak-scan}, the module's credentials. */
	public LeakScanListener() {
		this(DIRECTORY, LeakScanListener::loadSecrets);
	}

	LeakScanListener(Path directory, Supplier<List<String>> secrets) {
		this.directory = directory;
		this.secretsSource = secrets;
	}

	@Override
	public void testPlanExecutionStarted(TestPlan testPlan) {
		List<String> credentials = this.secretsSource.get();
		this.credentials = credentials.size();
		List<String> secrets = new ArrayList<>(credentials);
		secrets.add(this.canary);
		this.secrets = List.copyOf(secrets);
		try {
			Files.createDirectories(this.directory);
			Files.deleteIfExists(this.directory.resolve(HITS));
			Files.deleteIfExists(this.directory.resolve(SCANNED));
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
		System.out.println("Leak scan: looking for " + this.credentials + " credential(s) in the test output ("
				+ this.canary + ")");
		System.err.println("Leak scan: stderr too (" + this.canary + ")");
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
		List<String> problems = new ArrayList<>();
		if (this.credentials == 0) {
			problems.add("leak scan: no credential to look for (leak-scan/secrets.txt and the prefixed literals of "
					+ "src/test/java are empty)");
		}
		for (String stream : List.of("stdout", "stderr")) {
			if (!this.canarySeenOn.contains(stream)) {
				problems.add("leak scan: the self-check line written to " + stream + " was not seen, nothing was scanned");
			}
		}
		List<String> report = new ArrayList<>();
		report.add("credentials scanned for: " + this.credentials);
		report.add("bytes of output scanned: " + this.scannedBytes);
		report.add("hits: " + this.hits.size());
		report.add("self-check: " + (problems.isEmpty() ? "passed" : String.join("; ", problems)));
		List<String> failures = new ArrayList<>(problems);
		failures.addAll(this.hits);
		try {
			Files.write(this.directory.resolve(REPORT), report, StandardCharsets.UTF_8);
			if (!failures.isEmpty()) {
				Path hits = this.directory.resolve(HITS);
				Files.write(hits, failures, StandardCharsets.UTF_8);
				this.originalErr.println("LEAK SCAN: " + failures.size() + " problem(s) in the test output; see "
						+ hits.toAbsolutePath());
			}
			if (problems.isEmpty()) {
				Files.write(this.directory.resolve(SCANNED), report, StandardCharsets.UTF_8);
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
				if (secret.equals(this.canary)) {
					this.canarySeenOn.add(stream);
				}
				else {
					this.hits.add(stream + " of " + this.currentTest + ": " + masked(secret));
				}
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
