package io.saasstack.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The leak scan end to end, in the normal build: a {@link LeakScanListener} of its own (its own
 * directory and credentials) wraps a test that writes to {@code System.out} and
 * {@code System.err}, and the enforcer rules of the parent pom ({@link LeakScanRules}) are
 * checked on what it wrote. The credentials are made at run time, never literals, so that the
 * module's own scan (which wraps this test) does not know them.
 */
class LeakScanRunTests {

	private final String credential = "leak-demo-" + UUID.randomUUID();

	@Test
	void aCredentialInTheOutputIsWrittenMaskedToTheHitsFileAndFailsTheBuild(@TempDir Path target) throws Exception {
		Path directory = target.resolve("leak-scan");
		LeakScanListener listener = new LeakScanListener(directory, () -> List.of(this.credential, "other-credential-0"));
		run(listener, "printsACredential()", () -> {
			System.out.println("connecting with " + this.credential);
			System.err.print("and again, split: " + this.credential.substring(0, 10));
			System.err.println(this.credential.substring(10));
		});
		assertThat(Files.readAllLines(directory.resolve("hits.txt"), StandardCharsets.UTF_8)).containsExactly(
				"stdout of [engine:leak-scan-demo]/[test:printsACredential()]: leak… (46 characters)",
				"stderr of [engine:leak-scan-demo]/[test:printsACredential()]: leak… (46 characters)");
		assertThat(Files.readString(directory.resolve("hits.txt"))).doesNotContain(this.credential);
		assertThat(Files.readAllLines(directory.resolve("report.txt"))).startsWith("credentials scanned for: 2")
			.contains("hits: 2", "self-check: passed");
		assertThat(LeakScanRules.ofParentPom().violations(target))
			.containsExactly("exists: ${project.build.directory}/leak-scan/hits.txt");
	}

	@Test
	void aCleanRunPassesTheBuild(@TempDir Path target) throws Exception {
		Path directory = target.resolve("leak-scan");
		Files.createDirectories(directory);
		Files.writeString(directory.resolve("hits.txt"), "of an earlier run");
		LeakScanListener listener = new LeakScanListener(directory, () -> List.of(this.credential));
		run(listener, "printsNothingSecret()", () -> System.out.println("connecting with ******"));
		assertThat(directory.resolve("hits.txt")).doesNotExist();
		assertThat(Files.readAllLines(directory.resolve("scanned.txt"))).contains("credentials scanned for: 1",
				"hits: 0", "self-check: passed");
		assertThat(LeakScanRules.ofParentPom().violations(target)).isEmpty();
	}

	@Test
	void aScanWithoutCredentialsFailsTheBuild(@TempDir Path target) throws Exception {
		Path directory = target.resolve("leak-scan");
		run(new LeakScanListener(directory, List::of), "printsSomething()", () -> System.out.println("hello"));
		assertThat(directory.resolve("scanned.txt")).doesNotExist();
		assertThat(Files.readAllLines(directory.resolve("hits.txt"))).singleElement()
			.asString()
			.startsWith("leak scan: no credential to look for");
		assertThat(LeakScanRules.ofParentPom().violations(target)).containsExactly(
				"exists: ${project.build.directory}/leak-scan/hits.txt",
				"missing: ${project.build.directory}/leak-scan/scanned.txt");
	}

	@Test
	void aScanThatDidNotRunFailsTheBuild(@TempDir Path target) throws Exception {
		assertThat(LeakScanRules.ofParentPom().violations(target))
			.containsExactly("missing: ${project.build.directory}/leak-scan/scanned.txt");
	}

	@Test
	void theListenerIsRegisteredForEveryTestRun() {
		assertThat(ServiceLoader.load(TestExecutionListener.class).stream().map(ServiceLoader.Provider::type))
			.contains(LeakScanListener.class);
	}

	private static void run(LeakScanListener listener, String test, Runnable body) throws IOException {
		TestIdentifier identifier = TestIdentifier.from(new AbstractTestDescriptor(
				UniqueId.forEngine("leak-scan-demo").append("test", test), test) {

			@Override
			public Type getType() {
				return Type.TEST;
			}

		});
		listener.testPlanExecutionStarted(null);
		try {
			listener.executionStarted(identifier);
			body.run();
			listener.executionFinished(identifier, TestExecutionResult.successful());
		}
		finally {
			listener.testPlanExecutionFinished(null);
		}
	}

}
