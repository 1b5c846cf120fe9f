package io.saasstack.release;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Checks a staged release (the directory the deploy rehearsal wrote, laid out as a remote Maven
 * repository) against what a public repository requires, signing aside: every published artifact has
 * its POM, and every jar its sources and javadoc jars, each with a SHA-1 checksum; every POM names
 * the project (name, description, url), its licence, scm and developers, has no parent and no build
 * configuration, and every version in it is resolved. Nothing else of the group is staged.
 * <p>
 * Run by the verify phase of this module, the last of the build:
 * {@code StagedReleaseCheck <staging directory> <groupId> <version> <artifactId:packaging>...}.
 */
public final class StagedReleaseCheck {

	private static final String[] REQUIRED_POM_ELEMENTS = { "name", "description", "url", "licenses/license/name",
			"licenses/license/url", "scm/url", "scm/connection", "developers/developer/name", "issueManagement/url" };

	private static final String[] FORBIDDEN_POM_ELEMENTS = { "parent", "build", "profiles", "repositories",
			"pluginRepositories", "distributionManagement", "modules" };

	private final Path staging;

	private final String groupId;

	private final String version;

	public StagedReleaseCheck(Path staging, String groupId, String version) {
		this.staging = staging;
		this.groupId = groupId;
		this.version = version;
	}

	public static void main(String[] args) throws Exception {
		if (args.length < 4) {
			throw new IllegalArgumentException(
					"Usage: StagedReleaseCheck <staging directory> <groupId> <version> <artifactId:packaging>...");
		}
		StagedReleaseCheck check = new StagedReleaseCheck(Path.of(args[0]), args[1], args[2]);
		Map<String, String> expected = new TreeMap<>();
		for (int i = 3; i < args.length; i++) {
			String[] artifact = args[i].trim().split(":");
			expected.put(artifact[0], artifact[1]);
		}
		List<String> problems = check.problems(expected);
		if (!problems.isEmpty()) {
			throw new IllegalStateException("The staged release in " + args[0] + " is not publishable:\n  - "
					+ String.join("\n  - ", problems));
		}
		System.out.println("Staged release checked: " + expected.size() + " artifacts of " + args[1] + " " + args[2]
				+ " with their POM" + (expected.containsValue("jar") ? ", jar, sources and javadoc" : "") + " in "
				+ args[0]);
	}

	/**
	 * The reasons the staged release is not publishable, empty when it is.
	 * @param expected the published artifacts: artifact id to packaging ({@code jar} or {@code pom})
	 * @return one line per problem
	 */
	public List<String> problems(Map<String, String> expected) throws IOException {
		List<String> problems = new ArrayList<>();
		Path groupDirectory = this.staging.resolve(this.groupId.replace('.', '/'));
		if (!Files.isDirectory(groupDirectory)) {
			problems.add("nothing of " + this.groupId + " is staged in " + this.staging);
			return problems;
		}
		try (Stream<Path> staged = Files.list(groupDirectory)) {
			staged.filter(Files::isDirectory)
				.map((directory) -> directory.getFileName().toString())
				.filter((artifactId) -> !expected.containsKey(artifactId))
				.sorted()
				.forEach((artifactId) -> problems.add(artifactId + " is staged but is not a published artifact"));
		}
		expected.forEach((artifactId, packaging) -> {
			try {
				checkArtifact(groupDirectory.resolve(artifactId).resolve(this.version), artifactId, packaging,
						publishedJars(expected), problems);
			}
			catch (IOException ex) {
				problems.add(artifactId + ": " + ex);
			}
		});
		return problems;
	}

	private void checkArtifact(Path directory, String artifactId, String packaging, Set<String> publishedJars,
			List<String> problems) throws IOException {
		if (!Files.isDirectory(directory)) {
			problems.add(artifactId + " " + this.version + " is not staged");
			return;
		}
		String baseName = artifactId + "-" + fileVersion(directory, artifactId, problems);
		Path pom = directory.resolve(baseName + ".pom");
		if (requireFile(pom, artifactId, problems)) {
			checkPom(pom, artifactId, packaging, publishedJars, problems);
		}
		if ("jar".equals(packaging)) {
			// a starter's jar has no code: only its manifest
			requireArchive(directory.resolve(baseName + ".jar"), artifactId, "META-INF/MANIFEST.MF", problems);
			requireArchive(directory.resolve(baseName + "-sources.jar"), artifactId, "(?!META-INF/).*", problems);
			requireArchive(directory.resolve(baseName + "-javadoc.jar"), artifactId, "index.html|README.md", problems);
		}
	}

	/** The version in the file names: a snapshot's latest timestamp and build number. */
	private String fileVersion(Path directory, String artifactId, List<String> problems) throws IOException {
		if (!this.version.endsWith("-SNAPSHOT")) {
			return this.version;
		}
		Path metadata = directory.resolve("maven-metadata.xml");
		if (!Files.isRegularFile(metadata)) {
			problems.add(artifactId + ": no maven-metadata.xml for the snapshot");
			return this.version;
		}
		Document document = parse(metadata);
		String timestamp = text(document.getDocumentElement(), "versioning/snapshot/timestamp");
		String buildNumber = text(document.getDocumentElement(), "versioning/snapshot/buildNumber");
		if (timestamp == null || buildNumber == null) {
			problems.add(artifactId + ": maven-metadata.xml names no snapshot build");
			return this.version;
		}
		return this.version.substring(0, this.version.length() - "SNAPSHOT".length()) + timestamp + "-" + buildNumber;
	}

	private void checkPom(Path pom, String artifactId, String packaging, Set<String> publishedJars,
			List<String> problems) throws IOException {
		String content = Files.readString(pom);
		Element project = parse(pom).getDocumentElement();
		for (String element : REQUIRED_POM_ELEMENTS) {
			String value = text(project, element);
			if (value == null || value.isBlank()) {
				problems.add(artifactId + ": its POM has no " + element);
			}
		}
		for (String element : FORBIDDEN_POM_ELEMENTS) {
			if (text(project, element) != null) {
				problems.add(artifactId + ": its POM has a <" + element + "> (build configuration, not for consumers)");
			}
		}
		if (!packaging.equals(textOr(project, "packaging", "jar"))) {
			problems.add(artifactId + ": its POM's packaging is not " + packaging);
		}
		if (content.contains("${")) {
			problems.add(artifactId + ": its POM has an unresolved ${...} expression");
		}
		for (Element dependency : elements(project, "dependencies/dependency")) {
			if (text(dependency, "version") == null) {
				problems.add(artifactId + ": its dependency " + text(dependency, "groupId") + ":"
						+ text(dependency, "artifactId") + " has no version");
			}
		}
		if ("pom".equals(packaging)) {
			checkBom(project, artifactId, publishedJars, problems);
		}
	}

	/** A BOM manages exactly the published jars of the group, at the version being released. */
	private void checkBom(Element project, String artifactId, Set<String> publishedJars, List<String> problems) {
		Set<String> managed = new TreeSet<>();
		for (Element dependency : elements(project, "dependencyManagement/dependencies/dependency")) {
			if (this.groupId.equals(text(dependency, "groupId"))) {
				managed.add(text(dependency, "artifactId"));
				if (!this.version.equals(text(dependency, "version"))) {
					problems.add(artifactId + ": manages " + text(dependency, "artifactId") + " at "
							+ text(dependency, "version") + ", not " + this.version);
				}
			}
		}
		if (!managed.equals(publishedJars)) {
			problems.add(artifactId + ": manages " + managed + ", not the published jars " + publishedJars);
		}
	}

	private static Set<String> publishedJars(Map<String, String> expected) {
		Set<String> jars = new TreeSet<>();
		expected.forEach((artifactId, packaging) -> {
			if ("jar".equals(packaging)) {
				jars.add(artifactId);
			}
		});
		return jars;
	}

	private boolean requireFile(Path file, String artifactId, List<String> problems) {
		if (!Files.isRegularFile(file)) {
			problems.add(artifactId + ": " + file.getFileName() + " is missing");
			return false;
		}
		if (!Files.isRegularFile(file.resolveSibling(file.getFileName() + ".sha1"))) {
			problems.add(artifactId + ": " + file.getFileName() + ".sha1 is missing");
		}
		return true;
	}

	private void requireArchive(Path jar, String artifactId, String requiredEntry, List<String> problems)
			throws IOException {
		if (!requireFile(jar, artifactId, problems)) {
			return;
		}
		Set<String> entries = entries(jar);
		if (entries.isEmpty()) {
			problems.add(artifactId + ": " + jar.getFileName() + " is not a jar or is empty");
		}
		else if (entries.stream().noneMatch((name) -> name.matches(requiredEntry))) {
			problems.add(artifactId + ": " + jar.getFileName() + " has no "
					+ (requiredEntry.startsWith("(?!") ? "content" : requiredEntry.replace("|", " or ")));
		}
	}

	private static Set<String> entries(Path jar) throws IOException {
		Set<String> entries = new TreeSet<>();
		try (InputStream in = Files.newInputStream(jar); ZipInputStream zip = new ZipInputStream(in)) {
			for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
				if (!entry.isDirectory()) {
					entries.add(entry.getName());
				}
			}
		}
		return entries;
	}

	private static Document parse(Path xml) throws IOException {
		try (InputStream in = Files.newInputStream(xml)) {
			DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
			factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
			return factory.newDocumentBuilder().parse(in);
		}
		catch (IOException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IOException(xml + " is not well-formed XML: " + ex.getMessage(), ex);
		}
	}

	private static String textOr(Element parent, String path, String otherwise) {
		String text = text(parent, path);
		return (text != null) ? text : otherwise;
	}

	/** The trimmed text of the first element at a slash-separated path of child names, or null. */
	private static String text(Element parent, String path) {
		List<Element> found = elements(parent, path);
		return found.isEmpty() ? null : found.get(0).getTextContent().trim();
	}

	private static List<Element> elements(Element parent, String path) {
		List<Element> current = List.of(parent);
		for (String name : path.split("/")) {
			List<Element> next = new ArrayList<>();
			for (Element element : current) {
				NodeList children = element.getChildNodes();
				for (int i = 0; i < children.getLength(); i++) {
					Node child = children.item(i);
					if (child instanceof Element childElement && name.equals(childElement.getLocalName() != null
							? childElement.getLocalName() : childElement.getTagName())) {
						next.add(childElement);
					}
				}
			}
			current = next;
		}
		return current;
	}

}
