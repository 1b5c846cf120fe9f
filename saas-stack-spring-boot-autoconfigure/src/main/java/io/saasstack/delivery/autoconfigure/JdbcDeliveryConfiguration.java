package io.saasstack.delivery.autoconfigure;

import java.sql.DatabaseMetaData;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.logging.LogLevel;
import com.github.kagkarlsson.scheduler.serializer.Serializer;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import io.github.bucket4j.Bucket;
import io.saasstack.core.InvalidSaasPropertyException;
import io.saasstack.delivery.DeliveryOutcomes;
import io.saasstack.delivery.DeliveryTask;
import io.saasstack.delivery.jdbc.DbSchedulerDeliveryQueue;
import io.saasstack.delivery.jdbc.DeliveryHousekeeping;
import io.saasstack.delivery.jdbc.DeliveryItem;
import io.saasstack.delivery.jdbc.DeliveryItemSerializer;
import io.saasstack.delivery.jdbc.DeliveryPolicy;
import io.saasstack.delivery.jdbc.DeliveryScheduler;
import io.saasstack.delivery.jdbc.DeliverySchemaInitializer;
import io.saasstack.delivery.jdbc.DeliveryTables;
import io.saasstack.delivery.jdbc.DeliveryTasks;
import io.saasstack.delivery.jdbc.FailedDeliveryStore;
import io.saasstack.delivery.jdbc.JdbcDeliveryMonitor;
import io.saasstack.delivery.jdbc.JdbcWebhookReplayGuard;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The database store: one db-scheduler task delivering every area's items, the scheduler that runs
 * it (the application's own when it runs db-scheduler, else one of ours on
 * {@code <prefix>scheduled_tasks}), the failed deliveries, the webhook replay table and the schema.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass({ Scheduler.class, Bucket.class, JdbcTemplate.class })
@ConditionalOnJdbcDeliveryStore
@Import({ SharedRateLimitConfiguration.class, JdbcDeliveryConfiguration.WebhookReceiptsConfiguration.class,
		JdbcDeliveryConfiguration.MetersConfiguration.class })
class JdbcDeliveryConfiguration {

	static final String SCHEDULER_BEAN = "saasDeliveryScheduler";

	/** db-scheduler's lowest missed-heartbeats limit. */
	static final int MIN_MISSED_HEARTBEATS = 4;

	@Bean
	@ConditionalOnMissingBean
	DeliveryTables deliveryTables(DeliveryProperties properties, ListableBeanFactory beanFactory,
			Environment environment) {
		String applicationTable = applicationRunsScheduler(beanFactory)
				? environment.getProperty("db-scheduler.table-name", "scheduled_tasks") : null;
		return DeliveryTables.of(properties.getJdbc().getTablePrefix(), applicationTable);
	}

	@Bean
	@ConditionalOnMissingBean
	DeliverySchemaInitializer deliverySchemaInitializer(DataSource dataSource, DeliveryProperties properties,
			ListableBeanFactory beanFactory) {
		return new DeliverySchemaInitializer(dataSource,
				DatabaseInitializationMode.valueOf(properties.getJdbc().getInitializeSchema().name()),
				platform(dataSource), properties.getJdbc().getTablePrefix(), !applicationRunsScheduler(beanFactory));
	}

	/** Whether the application runs db-scheduler itself; looked up by type so that it is not created here. */
	static boolean applicationRunsScheduler(ListableBeanFactory beanFactory) {
		return beanFactory.getBeanNamesForType(Scheduler.class, true, false).length > 0;
	}

	@Bean
	@ConditionalOnMissingBean
	FailedDeliveryStore failedDeliveryStore(DataSource dataSource, DeliveryTables tables) {
		return new FailedDeliveryStore(new JdbcTemplate(dataSource), tables.failed());
	}

	@Bean
	@ConditionalOnMissingBean(name = "saasDeliveryTask")
	OneTimeTask<DeliveryItem> saasDeliveryTask(ObjectProvider<DeliveryTask> tasks, DeliveryProperties properties,
			FailedDeliveryStore failed, DeliveryOutcomes outcomes) {
		DeliveryPolicy policy = new DeliveryPolicy(properties.getMaxAttempts(), properties.getInitialBackoff(),
				properties.getMaxBackoff(), properties.getAttemptTimeout());
		return DeliveryTasks.oneTime(tasks.orderedStream().toList(), policy, failed, outcomes, Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean(name = "saasDeliveryHousekeeping")
	RecurringTask<Void> saasDeliveryHousekeeping(FailedDeliveryStore failed, DeliveryProperties properties,
			ObjectProvider<JdbcWebhookReplayGuard> receipts) {
		return DeliveryHousekeeping.task(Duration.ofMinutes(1), failed, properties.getRetention(),
				receipts.getIfAvailable(), Clock.systemUTC());
	}

	@Bean(name = SCHEDULER_BEAN)
	@ConditionalOnMissingBean(Scheduler.class)
	@DependsOnDatabaseInitialization
	DeliveryScheduler saasDeliveryScheduler(DataSource dataSource, DeliveryProperties properties,
			DeliveryTables tables, OneTimeTask<DeliveryItem> saasDeliveryTask,
			RecurringTask<Void> saasDeliveryHousekeeping) {
		DeliveryProperties.Jdbc jdbc = properties.getJdbc();
		if (jdbc.getMissedHeartbeats() < MIN_MISSED_HEARTBEATS) {
			// db-scheduler refuses fewer with an IllegalArgumentException that names no property
			throw new InvalidSaasPropertyException("saas.delivery.jdbc.missed-heartbeats",
					"db-scheduler needs at least " + MIN_MISSED_HEARTBEATS + " missed heartbeats, not "
							+ jdbc.getMissedHeartbeats(),
					"set saas.delivery.jdbc.missed-heartbeats to " + MIN_MISSED_HEARTBEATS
							+ " or more; shorten saas.delivery.jdbc.heartbeat-interval to detect a dead instance sooner");
		}
		SchedulerBuilder builder = Scheduler
			.create(new TransactionAwareDataSourceProxy(dataSource), List.<Task<?>>of(saasDeliveryTask))
			.startTasks(List.of(saasDeliveryHousekeeping))
			.tableName(tables.scheduledTasks())
			.serializer(new DeliveryItemSerializer(Serializer.DEFAULT_JAVA_SERIALIZER))
			.threads(properties.getThreads())
			.pollingInterval(properties.getPollInterval())
			.heartbeatInterval(jdbc.getHeartbeatInterval())
			.missedHeartbeatsLimit(jdbc.getMissedHeartbeats())
			.shutdownMaxWait(jdbc.getShutdownMaxWait())
			// the outcome of every failed attempt is logged by saas-stack (failed for good) or counted
			// (saas.delivery.attempts): db-scheduler's own line per deferral or retry is noise
			.failureLogging(LogLevel.DEBUG, false);
		if (DatabaseDriver.POSTGRESQL.getId().equals(platform(dataSource))) {
			builder.pollUsingLockAndFetch(0.5, 1.0);
		}
		return new DeliveryScheduler(builder.build());
	}

	@Bean(DeliveryAutoConfiguration.JDBC_QUEUE_BEAN)
	@ConditionalOnMissingBean
	DbSchedulerDeliveryQueue jdbcDeliveryQueue(ObjectProvider<Scheduler> applicationScheduler,
			ObjectProvider<DeliveryScheduler> ours) {
		Scheduler scheduler = scheduler(applicationScheduler, ours);
		return new DbSchedulerDeliveryQueue(scheduler, scheduler::triggerCheckForDueExecutions, Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	JdbcDeliveryMonitor deliveryMonitor(DataSource dataSource, DeliveryTables tables, FailedDeliveryStore failed,
			DbSchedulerDeliveryQueue queue, ObjectProvider<PlatformTransactionManager> transactionManager) {
		PlatformTransactionManager transactions = transactionManager
			.getIfAvailable(() -> new DataSourceTransactionManager(dataSource));
		return new JdbcDeliveryMonitor(new JdbcTemplate(dataSource), tables, failed, queue,
				new TransactionTemplate(transactions), Clock.systemUTC());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
	static class MetersConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "deliveryMeters")
		io.micrometer.core.instrument.binder.MeterBinder deliveryMeters(JdbcDeliveryMonitor monitor) {
			return new DeliveryMeters(monitor);
		}

	}

	static Scheduler scheduler(ObjectProvider<Scheduler> applicationScheduler, ObjectProvider<DeliveryScheduler> ours) {
		DeliveryScheduler own = ours.getIfAvailable();
		return (own != null) ? own.scheduler() : applicationScheduler.getObject();
	}

	static String platform(DataSource dataSource) {
		String url;
		try {
			url = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getURL);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not read the database's URL for saas.delivery.store=jdbc", ex);
		}
		DatabaseDriver driver = DatabaseDriver.fromJdbcUrl(url);
		if (driver == DatabaseDriver.POSTGRESQL || driver == DatabaseDriver.MYSQL) {
			return driver.getId();
		}
		throw new InvalidSaasPropertyException(OnJdbcDeliveryStoreCondition.PROPERTY,
				"durable delivery supports PostgreSQL and MySQL, not " + driver.getId(),
				"use PostgreSQL or MySQL, or set " + OnJdbcDeliveryStoreCondition.PROPERTY + "=memory");
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.saasstack.webhooks.WebhookReplayGuard")
	static class WebhookReceiptsConfiguration {

		@Bean
		@ConditionalOnMissingBean(io.saasstack.webhooks.WebhookReplayGuard.class)
		JdbcWebhookReplayGuard webhookReplayGuard(DataSource dataSource, DeliveryTables tables,
				Environment environment) {
			Duration window = environment.getProperty("saas.webhooks.replay-window", Duration.class,
					io.saasstack.webhooks.InMemoryWebhookReplayGuard.DEFAULT_WINDOW);
			return new JdbcWebhookReplayGuard(new JdbcTemplate(dataSource), tables.webhookReceipts(), window,
					Clock.systemUTC());
		}

	}


}
