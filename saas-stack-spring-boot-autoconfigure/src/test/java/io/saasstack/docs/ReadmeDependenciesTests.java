package io.saasstack.docs;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The README's Maven snippets are what another project pastes: well-formed XML, the BOM
 * {@code saas-stack-dependencies} imported at the project's version, and every other saas-stack
 * artifact named without a version (the BOM gives it) and being one of our modules.
 */
class ReadmeDependenciesTests {

	private static final Path ROOT = Path.of("..");

	private static final String GROUP = "io.saasstack";

	private static final String BOM = "saas-stack-dependencies";

	private static final Pattern XML_BLOCK = Pattern.compile("(?ms)^```xml\\n(.*?)^```$");

	@Test
	void theBomIsImportedAtTheProjectVersionAndEveryOtherArtifactTakesItsVersionFromIt() throws Exception {
		List<Element> dependencies = saasStackDependencies(readme());
		List<String> wrong = new ArrayList<>();
		boolean bomImported = false;
		for (Element dependency : dependencies) {
			String artifact = text(dependency, "artifactId");
			if (BOM.equals(artifact)) {
				bomImported = "dependencyManagement".equals(grandParentName(dependency))
						&& projectVersion().equals(text(dependency, "version")) && "pom".equals(text(dependency, "type"))
						&& "import".equals(text(dependency, "scope"));
			}
			else if (text(dependency, "version") != null) {
				wrong.add(artifact + " names a version; the BOM gives it");
			}
			else if (!Files.isRegularFile(ROOT.resolve(artifact).resolve("pom.xml"))) {
				wrong.add(artifact + " is none of our modules");
			}
		}
		assertThat(bomImported).as("the BOM imported (pom, import) at version %s", projectVersion()).isTrue();
		assertThat(wrong).isEmpty();
	}

	@Test
	void everyArtifactOfTheReadmeIsInTheBomOnceItExists() throws Exception {
		// the BOM module comes with the release layout; once there, it must manage what the README names
		Path bom = ROOT.resolve(BOM).resolve("pom.xml");
		assumeTrue(Files.isRegularFile(bom), "no module " + BOM + " yet");
		String managed = Files.readString(bom, StandardCharsets.UTF_8);
		for (Element dependency : saasStackDependencies(readme())) {
			String artifact = text(dependency, "artifactId");
			if (!BOM.equals(artifact)) {
				assertThat(managed).as("%s manages %s", BOM, artifact).contains("<artifactId>" + artifact + "</artifactId>");
			}
		}
	}

	/** Every {@code io.saasstack} dependency of the README's XML blocks, each block parsed as XML. */
	private static List<Element> saasStackDependencies(String readme) throws Exception {
		List<Element> found = new ArrayList<>();
		Matcher block = XML_BLOCK.matcher(readme);
		while (block.find()) {
			Element root = DocumentBuilderFactory.newInstance()
				.newDocumentBuilder()
				.parse(new InputSource(new StringReader("<snippet>" + block.group(1) + "</snippet>")))
				.getDocumentElement();
			NodeList dependencies = root.getElementsByTagName("dependency");
			for (int i = 0; i < dependencies.getLength(); i++) {
				Element dependency = (Element) dependencies.item(i);
				if (GROUP.equals(text(dependency, "groupId"))) {
					found.add(dependency);
				}
			}
		}
		assertThat(found).as("saas-stack dependencies in the README").hasSizeGreaterThanOrEqualTo(4);
		return found;
	}

	private static String grandParentName(Element element) {
		return element.getParentNode().getParentNode().getNodeName();
	}

	private static String text(Element element, String child) {
		NodeList children = element.getElementsByTagName(child);
		return (children.getLength() > 0) ? children.item(0).getTextContent().strip() : null;
	}

	private static String readme() throws IOException {
		return Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
	}

	private static String projectVersion() throws IOException {
		Matcher version = Pattern.compile("<artifactId>saas-stack-parent</artifactId>\\s*<version>([^<]+)</version>")
			.matcher(Files.readString(ROOT.resolve("pom.xml"), StandardCharsets.UTF_8));
		assertThat(version.find()).as("the project's version in pom.xml").isTrue();
		return version.group(1);
	}

}
