package io.saasstack.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Without the dev profile and without an identity provider the sample cannot protect its API: it
 * must not start, and must say what to set.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupWithoutProviderTests {

	private static final List<String> FIXES = List.of(
			"Set 'saas.auth.clerk.publishable-key' and 'saas.auth.clerk.secret-key' (or the environment variables "
					+ "SAAS_AUTH_CLERK_PUBLISHABLEKEY and SAAS_AUTH_CLERK_SECRETKEY).",
			"Set 'saas.auth.local-tokens.enabled=true' (or the environment variable SAAS_AUTH_LOCALTOKENS_ENABLED=true), "
					+ "for development only: requests then need tokens signed by a key generated at startup.",
			"Set 'saas.auth.supabase.url' (or the environment variable SAAS_AUTH_SUPABASE_URL).");

	@Test
	void failsWithTheAuthPropertiesToSet(CapturedOutput output) throws IOException {
		assertThatException().isThrownBy(() -> SpringApplication.run(SampleApplication.class, "--server.port=0"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains(String.join(System.lineSeparator(), "Action:", "", String.join(System.lineSeparator(), FIXES), ""));
		// the README's "Startup errors" shows this very message
		assertThat(Files.readString(Path.of("..", "README.md"))).contains(String.join("\n", FIXES));
	}

}
