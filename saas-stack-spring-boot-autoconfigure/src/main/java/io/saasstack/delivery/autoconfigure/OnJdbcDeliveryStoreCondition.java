package io.saasstack.delivery.autoconfigure;

import javax.sql.DataSource;

import io.saasstack.core.InvalidSaasPropertyException;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.ConfigurationCondition;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.ClassUtils;

/**
 * Matches when deliveries are kept in the database (on {@link ConditionalOnJdbcDeliveryStore}), or
 * when they are not (on {@link ConditionalOnMemoryDeliveryStore}): {@code saas.delivery.store=jdbc}, or no store
 * set while the JDBC starter's libraries and a {@code DataSource} bean are present. An explicit
 * {@code jdbc} without them fails start-up naming what to add.
 */
class OnJdbcDeliveryStoreCondition extends SpringBootCondition implements ConfigurationCondition {

	// the DataSource bean is only known once the bean definitions of earlier auto-configurations are registered
	@Override
	public ConfigurationPhase getConfigurationPhase() {
		return ConfigurationPhase.REGISTER_BEAN;
	}

	static final String PROPERTY = "saas.delivery.store";

	private static final String[] LIBRARIES = { "com.github.kagkarlsson.scheduler.Scheduler",
			"io.github.bucket4j.Bucket", "org.springframework.jdbc.core.JdbcTemplate" };

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		ConditionOutcome jdbc = jdbcOutcome(context);
		return (metadata.isAnnotated(ConditionalOnMemoryDeliveryStore.class.getName()))
				? new ConditionOutcome(!jdbc.isMatch(), jdbc.getConditionMessage()) : jdbc;
	}

	private ConditionOutcome jdbcOutcome(ConditionContext context) {
		String store = context.getEnvironment().getProperty(PROPERTY);
		boolean libraries = librariesPresent(context.getClassLoader());
		boolean dataSource = hasDataSource(context.getBeanFactory());
		if (store == null || store.isBlank()) {
			return (libraries && dataSource) ? ConditionOutcome.match("JDBC delivery libraries and a DataSource")
					: ConditionOutcome.noMatch("no JDBC delivery libraries or no DataSource");
		}
		if ("memory".equalsIgnoreCase(store.trim())) {
			return ConditionOutcome.noMatch(PROPERTY + "=memory");
		}
		if (!"jdbc".equalsIgnoreCase(store.trim())) {
			throw new InvalidSaasPropertyException(PROPERTY, "it is neither 'memory' nor 'jdbc'",
					"Set '" + PROPERTY + "' to 'memory' or 'jdbc', or remove it to choose by the classpath.");
		}
		if (!libraries) {
			throw new InvalidSaasPropertyException(PROPERTY, "db-scheduler, Bucket4j or spring-jdbc is missing",
					"add io.saasstack:saas-stack-spring-boot-starter-jdbc, or set " + PROPERTY + "=memory");
		}
		if (!dataSource) {
			throw new InvalidSaasPropertyException(PROPERTY, "the application has no DataSource",
					"set spring.datasource.url (and add the JDBC driver), or set " + PROPERTY + "=memory");
		}
		return ConditionOutcome.match(PROPERTY + "=jdbc");
	}

	private static boolean librariesPresent(ClassLoader classLoader) {
		for (String library : LIBRARIES) {
			if (!ClassUtils.isPresent(library, classLoader)) {
				return false;
			}
		}
		return true;
	}

	private static boolean hasDataSource(ConfigurableListableBeanFactory beanFactory) {
		return beanFactory != null && beanFactory.getBeanNamesForType(DataSource.class, true, false).length > 0;
	}

}
