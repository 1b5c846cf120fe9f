package io.saasstack.core.autoconfigure;

import io.saasstack.core.health.SaasHealthCheck;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class SaasHealthContributorAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(HealthContributorAutoConfiguration.class,
				SaasHealthContributorAutoConfiguration.class))
		.withBean("resendCheck", SaasHealthCheck.class, () -> check("resend", Health.up().build()))
		.withBean("clerkCheck", SaasHealthCheck.class, () -> check("clerk", Health.down().build()));

	@Test
	void reportsEveryCheckUnderSaas() {
		this.contextRunner.run((context) -> {
			CompositeHealthContributor saas = context.getBean("saasHealthContributor", CompositeHealthContributor.class);
			assertThat(((HealthIndicator) saas.getContributor("resend")).health().getStatus()).isEqualTo(Status.UP);
			assertThat(((HealthIndicator) saas.getContributor("clerk")).health().getStatus()).isEqualTo(Status.DOWN);
		});
	}

	@Test
	void bindsCacheAndTimeoutSettings() {
		this.contextRunner.withPropertyValues("saas.health.cache-time-to-live=10s", "saas.health.timeout=2s")
			.run((context) -> {
				SaasHealthProperties properties = context.getBean(SaasHealthProperties.class);
				assertThat(properties.getCacheTimeToLive()).hasSeconds(10);
				assertThat(properties.getTimeout()).hasSeconds(2);
			});
	}

	@Test
	void canBeDisabled() {
		this.contextRunner.withPropertyValues("management.health.saas.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("saasHealthContributor"));
	}

	@Test
	void needsAtLeastOneCheck() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(HealthContributorAutoConfiguration.class,
					SaasHealthContributorAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean("saasHealthContributor"));
	}

	@Test
	void backsOffToUserContributor() {
		HealthIndicator user = () -> Health.up().build();
		this.contextRunner.withBean("saasHealthContributor", HealthIndicator.class, () -> user)
			.run((context) -> assertThat(context).getBean("saasHealthContributor").isSameAs(user));
	}

	@Test
	void backsOffWithoutHealthModule() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.run((context) -> assertThat(context).doesNotHaveBean("saasHealthContributor"));
	}

	private static SaasHealthCheck check(String name, Health health) {
		return new SaasHealthCheck() {

			@Override
			public String name() {
				return name;
			}

			@Override
			public Mono<Health> check() {
				return Mono.just(health);
			}

		};
	}

}
