package io.saasstack.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class LeakScanListenerTests {

	@Test
	void harvestsPrefixedCredentialLiteralsOfJavaSources(@TempDir Path sources) throws IOException {
		Files.createDirectories(sources.resolve("a"));
		Files.writeString(sources.resolve("a/ExampleTests.java"), """
				String key = "re_abc123def";
				String clerk = "sk_test_0123456789";
				String webhook = "whsec_c2VjcmV0+/=";
				String name = "resend";
				String tooShort = "re_abc";
				""");
		Files.writeString(sources.resolve("a/notes.txt"), "\"sk_test_notjava0123\"");
		assertThat(LeakScanListener.harvest(sources)).containsExactly("re_abc123def", "sk_test_0123456789",
				"whsec_c2VjcmV0+/=");
	}

	@Test
	void harvestOfMissingSourcesIsEmpty(@TempDir Path directory) {
		assertThat(LeakScanListener.harvest(directory.resolve("missing"))).isEmpty();
	}

	@Test
	void maskedShowsTheStartAndLengthOnly() {
		assertThat(LeakScanListener.masked("re_FaultMatrix_5u8Kq2LzW")).isEqualTo("re_F… (24 characters)");
	}

}
