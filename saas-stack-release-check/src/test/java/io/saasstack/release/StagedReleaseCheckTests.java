package io.saasstack.release;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class StagedReleaseCheckTests {

	private static final String VERSION = "1.0.0-SNAPSHOT";

	private static final String FILE_VERSION = "1.0.0-20261207.070000-3";

	private static final String POM = """
			<project xmlns="http://maven.apache.org/POM/4.0.0">
				<modelVersion>4.0.0</modelVersion>
				<groupId>io.example</groupId>
				<artifactId>%s</artifactId>
				<version>1.0.0-SNAPSHOT</version>
				<packaging>%s</packaging>
				<name>Example</name>
				<description>An example</description>
				<url>https://example.com</url>
				<licenses><license><name>Apache License, Version 2.0</name><url>https://www.apache.org/licenses/LICENSE-2.0</url></license></licenses>
				<developers><developer><name>Example developers</name></developer></developers>
				<scm><connection>scm:git:https://example.com/x.git</connection><url>https://example.com/x</url></scm>
				<issueManagement><url>https://example.com/x/issues</url></issueManagement>
				%s
			</project>
			""";

	private static final String BOM_MANAGEMENT = """
			<dependencyManagement><dependencies><dependency>
				<groupId>io.example</groupId><artifactId>lib</artifactId><version>1.0.0-SNAPSHOT</version>
			</dependency></dependencies></dependencyManagement>""";

	private static final String LIB_DEPENDENCIES = """
			<dependencies><dependency>
				<groupId>org.example</groupId><artifactId>other</artifactId><version>2.1</version>
			</dependency></dependencies>""";

	private static final Map<String, String> PUBLISHED = Map.of("lib", "jar", "bom", "pom");

	@TempDir
	Path staging;

	@BeforeEach
	void stageACompleteRelease() throws IOException {
		stage("lib", "jar", LIB_DEPENDENCIES);
		stage("bom", "pom", BOM_MANAGEMENT);
	}

	@Test
	void completeReleaseHasNoProblem() throws IOException {
		assertThat(check()).isEmpty();
	}

	@Test
	void missingJavadocJarIsAProblem() throws IOException {
		Files.delete(file("lib", "-javadoc.jar"));
		assertThat(check()).containsExactly("lib: lib-" + FILE_VERSION + "-javadoc.jar is missing");
	}

	@Test
	void javadocJarWithoutAPageIsAProblem() throws IOException {
		writeJar(file("lib", "-javadoc.jar"), "something.txt");
		assertThat(check()).containsExactly("lib: lib-" + FILE_VERSION + "-javadoc.jar has no index.html or README.md");
	}

	@Test
	void sourcesJarWithOnlyAManifestIsAProblem() throws IOException {
		writeJar(file("lib", "-sources.jar"), "META-INF/MANIFEST.MF");
		assertThat(check()).containsExactly("lib: lib-" + FILE_VERSION + "-sources.jar has no content");
	}

	@Test
	void missingChecksumIsAProblem() throws IOException {
		Files.delete(file("lib", "-sources.jar.sha1"));
		assertThat(check()).containsExactly("lib: lib-" + FILE_VERSION + "-sources.jar.sha1 is missing");
	}

	@Test
	void pomWithoutScmOrDevelopersIsAProblem() throws IOException {
		Path pom = file("lib", ".pom");
		Files.writeString(pom, Files.readString(pom).replaceAll("<scm>.*</scm>", "").replaceAll("<developers>.*</developers>", ""));
		assertThat(check()).containsExactly("lib: its POM has no scm/url", "lib: its POM has no scm/connection",
				"lib: its POM has no developers/developer/name");
	}

	@Test
	void pomWithAParentOrAnUnresolvedVersionIsAProblem() throws IOException {
		Path pom = file("lib", ".pom");
		Files.writeString(pom, Files.readString(pom)
			.replace("<name>", "<parent><artifactId>p</artifactId></parent><name>")
			.replace("<version>2.1</version>", "<version>${other.version}</version>"));
		assertThat(check()).containsExactly(
				"lib: its POM has a <parent> (build configuration, not for consumers)",
				"lib: its POM has an unresolved ${...} expression");
	}

	@Test
	void bomManagingAnotherVersionOrAnUnpublishedModuleIsAProblem() throws IOException {
		Path pom = file("bom", ".pom");
		Files.writeString(pom, Files.readString(pom)
			.replace("<artifactId>lib</artifactId><version>1.0.0-SNAPSHOT</version>",
					"<artifactId>lib</artifactId><version>0.9.0</version>")
			.replace("</dependencies></dependencyManagement>",
					"<dependency><groupId>io.example</groupId><artifactId>test-support</artifactId>"
							+ "<version>1.0.0-SNAPSHOT</version></dependency></dependencies></dependencyManagement>"));
		assertThat(check()).containsExactly("bom: manages lib at 0.9.0, not 1.0.0-SNAPSHOT",
				"bom: manages [lib, test-support], not the published jars [lib]");
	}

	@Test
	void unpublishedModuleStagedIsAProblem() throws IOException {
		stage("sample-app", "jar", "");
		assertThat(check()).containsExactly("sample-app is staged but is not a published artifact");
	}

	@Test
	void missingArtifactIsAProblemAndMainFailsNamingIt() throws IOException {
		deleteRecursively(this.staging.resolve("io/example/bom"));
		assertThat(check()).containsExactly("bom 1.0.0-SNAPSHOT is not staged");
		assertThatIllegalStateException()
			.isThrownBy(() -> StagedReleaseCheck.main(new String[] { this.staging.toString(), "io.example", VERSION,
					"lib:jar", "bom:pom" }))
			.withMessageContaining("is not publishable")
			.withMessageContaining("bom 1.0.0-SNAPSHOT is not staged");
	}

	private java.util.List<String> check() throws IOException {
		return new StagedReleaseCheck(this.staging, "io.example", VERSION).problems(PUBLISHED);
	}

	private Path file(String artifactId, String suffix) {
		return this.staging.resolve("io/example/" + artifactId + "/" + VERSION + "/" + artifactId + "-" + FILE_VERSION
				+ suffix);
	}

	private void stage(String artifactId, String packaging, String content) throws IOException {
		Path directory = Files.createDirectories(this.staging.resolve("io/example/" + artifactId + "/" + VERSION));
		Files.writeString(directory.resolve("maven-metadata.xml"), """
				<metadata><versioning><snapshot><timestamp>20261207.070000</timestamp><buildNumber>3</buildNumber>
				</snapshot></versioning></metadata>""");
		writeWithChecksum(file(artifactId, ".pom"), POM.formatted(artifactId, packaging, content));
		if ("jar".equals(packaging)) {
			writeJar(file(artifactId, ".jar"), "META-INF/MANIFEST.MF");
			writeJar(file(artifactId, "-sources.jar"), "io/example/Lib.java");
			writeJar(file(artifactId, "-javadoc.jar"), "index.html");
		}
	}

	private static void writeJar(Path jar, String entry) throws IOException {
		try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(out)) {
			zip.putNextEntry(new ZipEntry(entry));
			zip.write(1);
			zip.closeEntry();
		}
		Files.writeString(jar.resolveSibling(jar.getFileName() + ".sha1"), "0");
	}

	private static void writeWithChecksum(Path file, String content) throws IOException {
		Files.writeString(file, content);
		Files.writeString(file.resolveSibling(file.getFileName() + ".sha1"), "0");
	}

	private static void deleteRecursively(Path directory) throws IOException {
		try (var paths = Files.walk(directory)) {
			paths.sorted(java.util.Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
	}

}
