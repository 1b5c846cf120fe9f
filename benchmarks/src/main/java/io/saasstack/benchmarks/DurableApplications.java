package io.saasstack.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import io.saasstack.benchmarks.BenchmarkApplication.AccountService;
import io.saasstack.events.LogEvent;
import io.saasstack.events.LogSnagClient;
import io.saasstack.mail.Email;
import io.saasstack.mail.MailClient;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.EnableAsync;

/**
 * The applications of the durable delivery benchmarks, each started as one "instance" (a Spring context) on a shared
 * PostgreSQL and a shared {@link ProviderStub}:
 * <ul>
 * <li>{@link Saas}: saas-stack with {@code saas.delivery.store=jdbc} or {@code memory}; events through
 * {@code @TrackEvent} ({@link AccountService}), mails through {@code MailOutbox}. Spring Modulith's
 * auto-configurations are excluded, so its registry records nothing here.</li>
 * <li>{@link Modulith}: the same deliveries through Spring Modulith 2.0.3's JDBC event publication registry: an event
 * published inside a transaction, an {@link ApplicationModuleListener} (async, after commit, in a new transaction)
 * sending it with saas-stack's blocking clients in memory mode (the same HTTP code as the durable tasks use).</li>
 * </ul>
 */
final class DurableApplications {

	static final String[] MODULITH_AUTO_CONFIGURATIONS = {
			"org.springframework.modulith.core.config.ApplicationModuleInitializerRuntimeVerification",
			"org.springframework.modulith.events.config.EventPublicationAutoConfiguration",
			"org.springframework.modulith.events.config.EventExternalizationAutoConfiguration",
			"org.springframework.modulith.events.jackson.JacksonEventSerializationConfiguration",
			"org.springframework.modulith.events.jackson2.Jackson2EventSerializationConfiguration",
			"org.springframework.modulith.events.jdbc.JdbcEventPublicationAutoConfiguration",
			"org.springframework.modulith.moments.autoconfigure.MomentsAutoConfiguration" };

	static final String FROM = "Acme <hello@acme.test>";

	private DurableApplications() {
	}

	/** The database every instance of a run shares. */
	record Database(String url, String username, String password) {
	}

	static ConfigurableApplicationContext saas(Database database, ProviderStub stub, String store,
			String... extraProperties) {
		List<String> properties = new ArrayList<>(common(database, stub));
		properties.add("saas.delivery.store=" + store);
		properties.add("saas.delivery.jdbc.initialize-schema=always");
		properties.add("spring.autoconfigure.exclude=" + String.join(",", MODULITH_AUTO_CONFIGURATIONS));
		properties.addAll(List.of(extraProperties));
		return run(Saas.class, properties);
	}

	static ConfigurableApplicationContext modulith(Database database, ProviderStub stub, String... extraProperties) {
		List<String> properties = new ArrayList<>(common(database, stub));
		// saas-stack's clients only, sending at once: the durability is Modulith's
		properties.add("saas.delivery.store=memory");
		properties.add("spring.modulith.events.jdbc.schema-initialization.enabled=true");
		// the same number of delivery threads as saas.delivery.threads (10)
		properties.add("spring.task.execution.pool.core-size=10");
		properties.add("spring.task.execution.pool.max-size=10");
		properties.addAll(List.of(extraProperties));
		return run(Modulith.class, properties);
	}

	private static List<String> common(Database database, ProviderStub stub) {
		return List.of("spring.datasource.url=" + database.url(), "spring.datasource.username=" + database.username(),
				"spring.datasource.password=" + database.password(),
				// a Modulith listener holds a connection while it sends: room for it and the callers, for both
				"spring.datasource.hikari.maximum-pool-size=20", "spring.datasource.hikari.minimum-idle=2",
				"saas.events.logsnag.token=benchmark-token",
				"saas.events.logsnag.project=benchmark", "saas.events.logsnag.default-channel=accounts",
				"saas.events.logsnag.base-url=" + stub.baseUrl(), "saas.mail.resend.api-key=re_benchmark_123",
				"saas.mail.resend.base-url=" + stub.baseUrl(), "saas.mail.default-from=" + FROM,
				"saas.events.delivery.shutdown-timeout=2s", "spring.main.banner-mode=off", "logging.level.root=WARN",
				"logging.level.com.github.kagkarlsson=ERROR");
	}

	private static ConfigurableApplicationContext run(Class<?> application, List<String> properties) {
		return new SpringApplicationBuilder(application).web(WebApplicationType.NONE)
			.properties(properties.toArray(String[]::new))
			.run();
	}

	static Email mail(int n) {
		return Email.builder().from(FROM).to("user" + n + "@example.com").subject("Welcome").text("Hello " + n).build();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Saas {

		@Bean
		AccountService accountService() {
			return new AccountService();
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@EnableAsync
	static class Modulith {

		@Bean
		Listeners listeners(LogSnagClient logSnag, MailClient mail) {
			return new Listeners(logSnag, mail);
		}

	}

	/** What {@code AccountService.upgrade} tracks, as a Modulith event. */
	record UserUpgraded(String userId, String plan, int seats) {
	}

	/** A mail to send, as a Modulith event. */
	record MailRequested(int n, String key) {
	}

	/** The Modulith listeners: the same LogSnag event as {@code @TrackEvent} builds, the same mail. */
	static class Listeners {

		private final LogSnagClient logSnag;

		private final MailClient mail;

		/** Held closed while a backlog is built, as the stopped deliveries of the other side. */
		volatile CountDownLatch gate = new CountDownLatch(0);

		Listeners(LogSnagClient logSnag, MailClient mail) {
			this.logSnag = logSnag;
			this.mail = mail;
		}

		@ApplicationModuleListener
		void on(UserUpgraded upgraded) throws InterruptedException {
			this.gate.await();
			this.logSnag.log(LogEvent.builder("User Upgraded")
				.icon("💰")
				.description("Upgraded to " + upgraded.plan())
				.userId(upgraded.userId())
				.tag("plan", upgraded.plan())
				.tag("seats", upgraded.seats())
				.build());
		}

		@ApplicationModuleListener
		void on(MailRequested requested) throws InterruptedException {
			this.gate.await();
			this.mail.send(mail(requested.n()), requested.key());
		}

	}

}
