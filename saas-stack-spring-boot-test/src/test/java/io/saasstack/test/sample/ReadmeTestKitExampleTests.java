package io.saasstack.test.sample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's test-kit example is {@link SignUpTests}, character for character, so that what users
 * paste compiles and passes with the dependencies the README lists.
 */
class ReadmeTestKitExampleTests {

	@Test
	void readmeExampleIsSignUpTests() throws IOException {
		String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
		int section = readme.indexOf("\n## Testing your application\n");
		assertThat(section).as("README section 'Testing your application'").isNotNegative();
		int start = readme.indexOf("```java\n", section) + "```java\n".length();
		String example = readme.substring(start, readme.indexOf("```\n", start));
		assertThat(example).contains("class SignUpTests");
		String source = Files.readString(
				Path.of("src", "test", "java", "io", "saasstack", "test", "sample", "SignUpTests.java"),
				StandardCharsets.UTF_8);
		assertThat(source).contains(example);
		assertThat(readme.substring(section, start)).contains("<artifactId>spring-boot-starter-webmvc-test</artifactId>");
	}

}
