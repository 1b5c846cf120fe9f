package io.saasstack.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The leak-scan rules of the parent pom's {@code maven-enforcer-plugin}, read from the pom and
 * checked as the enforcer checks them ({@code requireFilesDontExist}: none of the files exists,
 * {@code requireFilesExist}: all of them exist), with {@code ${project.build.directory}} a
 * given directory. What the build enforces is what this checks: a rule changed in the pom is
 * changed here.
 */
final class LeakScanRules {

	static final List<String> EXECUTIONS = List.of("no-credential-in-test-output", "test-output-scanned");

	private final List<String> mustNotExist = new ArrayList<>();

	private final List<String> mustExist = new ArrayList<>();

	private LeakScanRules() {
	}

	/** The rules of the leak-scan executions of the parent pom (the module's working directory is its base). */
	static LeakScanRules ofParentPom() throws Exception {
		Path pom = Path.of("..", "pom.xml");
		Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
		LeakScanRules rules = new LeakScanRules();
		NodeList executions = document.getElementsByTagName("execution");
		List<String> found = new ArrayList<>();
		for (int i = 0; i < executions.getLength(); i++) {
			Element execution = (Element) executions.item(i);
			String id = text(execution, "id");
			if (EXECUTIONS.contains(id)) {
				found.add(id);
				rules.mustNotExist.addAll(files(execution, "requireFilesDontExist"));
				rules.mustExist.addAll(files(execution, "requireFilesExist"));
			}
		}
		if (!found.containsAll(EXECUTIONS)) {
			throw new IllegalStateException("The parent pom has the leak-scan executions " + found + ", not " + EXECUTIONS);
		}
		return rules;
	}

	/** The rules that fail for a module whose build directory is {@code buildDirectory}, empty when the build passes. */
	List<String> violations(Path buildDirectory) {
		List<String> violations = new ArrayList<>();
		for (String file : this.mustNotExist) {
			if (Files.exists(resolve(file, buildDirectory))) {
				violations.add("exists: " + file);
			}
		}
		for (String file : this.mustExist) {
			if (!Files.exists(resolve(file, buildDirectory))) {
				violations.add("missing: " + file);
			}
		}
		return violations;
	}

	List<String> mustNotExist() {
		return this.mustNotExist;
	}

	List<String> mustExist() {
		return this.mustExist;
	}

	private static Path resolve(String file, Path buildDirectory) {
		return Path.of(file.replace("${project.build.directory}", buildDirectory.toString()));
	}

	private static List<String> files(Element execution, String rule) {
		List<String> files = new ArrayList<>();
		NodeList rules = execution.getElementsByTagName(rule);
		for (int i = 0; i < rules.getLength(); i++) {
			NodeList file = ((Element) rules.item(i)).getElementsByTagName("file");
			for (int j = 0; j < file.getLength(); j++) {
				files.add(file.item(j).getTextContent().strip());
			}
		}
		return files;
	}

	private static String text(Element element, String child) {
		NodeList nodes = element.getElementsByTagName(child);
		return (nodes.getLength() > 0) ? nodes.item(0).getTextContent().strip() : "";
	}

}
