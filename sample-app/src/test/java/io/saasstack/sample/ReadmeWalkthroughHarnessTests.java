package io.saasstack.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The README walkthrough's own parts: if they accepted anything, the walkthrough test could not fail.
 */
class ReadmeWalkthroughHarnessTests {

	@Test
	void splitsWordsLikeAShell() {
		assertThat(Curl.words("curl -s -H \"Authorization: Bearer $TOKEN\" -d '{\"plan\":\"PRO\"}' localhost:8080/x",
				Map.of("TOKEN", "abc")))
			.containsExactly("curl", "-s", "-H", "Authorization: Bearer abc", "-d", "{\"plan\":\"PRO\"}", "localhost:8080/x");
		assertThat(Curl.words("curl '$TOKEN'", Map.of())).containsExactly("curl", "$TOKEN");
		assertThatIllegalArgumentException().isThrownBy(() -> Curl.words("curl $UNSET", Map.of()));
		assertThatIllegalArgumentException().isThrownBy(() -> Curl.words("curl 'open", Map.of()));
	}

	@Test
	void everyCallNeedsADocumentedAnswer(@TempDir Path directory) throws IOException {
		Path readme = directory.resolve("README.md");
		Files.writeString(readme, "## Try the sample\n```bash\ncurl -s localhost:8080/api/status\n```\n");
		assertThatIllegalStateException().isThrownBy(() -> ReadmeWalkthrough.read(readme)).withMessageContaining("line 3");
		Files.writeString(readme, "## Try the sample\n```bash\nT=$(curl -s -X POST localhost:8080/dev/token)\n"
				+ "curl -s localhost:8080/api/me\n# 401\n```\n## Next\n```bash\ncurl -s localhost:8080/ignored\n```\n");
		assertThat(ReadmeWalkthrough.read(readme).steps()).extracting(ReadmeWalkthrough.Step::variable,
				ReadmeWalkthrough.Step::status)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("T", 200), org.assertj.core.groups.Tuple.tuple(null, 401));
	}

}
