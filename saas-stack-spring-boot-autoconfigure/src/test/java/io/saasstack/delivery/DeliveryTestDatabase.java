package io.saasstack.delivery;

import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import io.saasstack.core.autoconfigure.SaasCoreAutoConfiguration;
import io.saasstack.delivery.autoconfigure.DeliveryAutoConfiguration;
import io.saasstack.delivery.autoconfigure.DeliveryEndpointAutoConfiguration;
import io.saasstack.delivery.autoconfigure.DeliveryHealthContributorAutoConfiguration;
import io.saasstack.events.autoconfigure.EventsAutoConfiguration;
import io.saasstack.mail.autoconfigure.MailAutoConfiguration;
import io.saasstack.testsupport.postgres.TestPostgres;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A fresh PostgreSQL database (from {@link TestPostgres}) per test class, and the application
 * contexts of the delivery tests on it: LogSnag and Resend at a stub's base URL, and a table prefix
 * per test so that the tests of a class share the database but no rows.
 */
public final class DeliveryTestDatabase {

	/** LogSnag token of the test contexts. */
	public static final String LOGSNAG_TOKEN = "ls-token-123";

	/** Resend API key of the test contexts. */
	public static final String RESEND_KEY = "re_test_123";

	private static final AtomicInteger prefixes = new AtomicInteger();

	private final String name;

	private final String url;

	private DeliveryTestDatabase(String name, String url) {
		this.name = name;
		this.url = url;
	}

	/** Creates (drops first) the database {@code name}. */
	public static DeliveryTestDatabase create(String name) {
		return new DeliveryTestDatabase(name, TestPostgres.get().createDatabase(name));
	}

	/** A table prefix no other test of this JVM uses. */
	public static String newPrefix() {
		return "d" + prefixes.incrementAndGet() + "_";
	}

	public String url() {
		return this.url;
	}

	/** A data source without a pool. */
	public DataSource dataSource() {
		return TestPostgres.get().dataSource(this.name);
	}

	public JdbcTemplate jdbc() {
		return new JdbcTemplate(dataSource());
	}

	/** The delivery layer, events and mail, without a data source (memory store). */
	public static ApplicationContextRunner memoryContext(String stubBaseUrl) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class,
					ReactiveHttpClientAutoConfiguration.class, SaasCoreAutoConfiguration.class,
					DeliveryAutoConfiguration.class, DeliveryEndpointAutoConfiguration.class,
					DeliveryHealthContributorAutoConfiguration.class, EventsAutoConfiguration.class,
					MailAutoConfiguration.class))
			.withPropertyValues("saas.events.logsnag.token=" + LOGSNAG_TOKEN, "saas.events.logsnag.project=my-saas",
					"saas.events.logsnag.base-url=" + stubBaseUrl, "saas.mail.resend.api-key=" + RESEND_KEY,
					"saas.mail.resend.base-url=" + stubBaseUrl, "saas.mail.default-from=Acme <hello@acme.test>",
					"saas.mail.resend.requests-per-second=20", "saas.events.logsnag.retry.max-attempts=1",
					"saas.mail.resend.retry.max-attempts=1");
	}

	/** The same on this database, with the schema created under {@code prefix}. */
	public ApplicationContextRunner jdbcContext(String stubBaseUrl, String prefix) {
		TestPostgres postgres = TestPostgres.get();
		return memoryContext(stubBaseUrl)
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
					DataSourceTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class,
					JdbcTemplateAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=" + this.url, "spring.datasource.username=" + postgres.username(),
					"spring.datasource.password=" + postgres.password(), "saas.delivery.jdbc.initialize-schema=always",
					"saas.delivery.jdbc.table-prefix=" + prefix, "saas.delivery.poll-interval=200ms",
					"saas.delivery.initial-backoff=100ms", "management.endpoints.web.exposure.include=saasdelivery");
	}

}
