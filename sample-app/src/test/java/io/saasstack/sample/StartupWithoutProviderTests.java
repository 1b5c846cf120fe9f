package io.saasstack.sample;

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

	@Test
	void failsWithTheAuthPropertiesToSet(CapturedOutput output) {
		assertThatException().isThrownBy(() -> SpringApplication.run(SampleApplication.class, "--server.port=0"));
		assertThat(output).contains("APPLICATION FAILED TO START").contains(String.join(System.lineSeparator(), "Action:",
				"",
				"Set 'saas.auth.clerk.publishable-key' and 'saas.auth.clerk.secret-key' (or the environment variables "
						+ "SAAS_AUTH_CLERK_PUBLISHABLEKEY and SAAS_AUTH_CLERK_SECRETKEY).",
				"Set 'saas.auth.local-tokens.enabled=true' (or the environment variable SAAS_AUTH_LOCALTOKENS_ENABLED=true), "
						+ "for development only: requests then need tokens signed by a key generated at startup.",
				"Set 'saas.auth.supabase.url' (or the environment variable SAAS_AUTH_SUPABASE_URL).", ""));
	}

}
