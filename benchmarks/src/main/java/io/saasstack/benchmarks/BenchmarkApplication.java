package io.saasstack.benchmarks;

import java.util.ArrayList;
import java.util.List;

import io.saasstack.events.TrackEvent;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * The smallest application using saas-stack events, configured to send to a {@link StubLogSnag}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class BenchmarkApplication {

	/**
	 * The in-memory pipeline needs no database, though the durable benchmarks put JDBC and Spring
	 * Modulith on the classpath.
	 */
	static final String NO_DATABASE = "spring.autoconfigure.exclude="
			+ "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
			+ String.join(",", DurableApplications.MODULITH_AUTO_CONFIGURATIONS);

	@Bean
	AccountService accountService() {
		return new AccountService();
	}

	static ConfigurableApplicationContext start(StubLogSnag stub, String... extraProperties) {
		List<String> properties = new ArrayList<>(List.of("saas.events.logsnag.token=benchmark-token",
				"saas.events.logsnag.project=benchmark", "saas.events.logsnag.default-channel=accounts",
				"saas.events.logsnag.base-url=" + stub.baseUrl(), "saas.events.delivery.shutdown-timeout=2s",
				"spring.main.banner-mode=off", "logging.level.root=WARN", NO_DATABASE));
		properties.addAll(List.of(extraProperties));
		return new SpringApplicationBuilder(BenchmarkApplication.class).web(WebApplicationType.NONE)
			.properties(properties.toArray(String[]::new))
			.run();
	}

	/**
	 * The same method twice, once tracked and once not.
	 */
	static class AccountService {

		@TrackEvent(event = "User Upgraded", icon = "💰", description = "'Upgraded to ' + #plan", userId = "#userId",
				tags = { "plan=#plan", "seats=#seats" })
		public String upgrade(String userId, String plan, int seats) {
			return plan;
		}

		public String upgradeUntracked(String userId, String plan, int seats) {
			return plan;
		}

	}

}
