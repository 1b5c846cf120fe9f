package io.saasstack.reliability;

import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Proves that the leak scan fails the build: run
 * {@code mvn verify -pl saas-stack-spring-boot-autoconfigure -Dleak-scan.demo=true} and the build
 * fails on {@code target/leak-scan/hits.txt}. Skipped in normal runs.
 */
@EnabledIfSystemProperty(named = "leak-scan.demo", matches = "true")
class LeakScanDemoTests {

	@Test
	void logsACredential() {
		LogFactory.getLog(LeakScanDemoTests.class).warn("connecting with " + LeakScanSecrets.RESEND_API_KEY);
	}

}
