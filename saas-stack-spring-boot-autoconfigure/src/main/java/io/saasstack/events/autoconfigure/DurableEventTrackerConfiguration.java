package io.saasstack.events.autoconfigure;

import io.saasstack.delivery.DeliveryMonitor;
import io.saasstack.delivery.jdbc.DbSchedulerDeliveryQueue;
import io.saasstack.events.EventTracker;
import io.saasstack.events.ReactiveLogSnagClient;
import io.saasstack.events.delivery.DurableEventTracker;
import io.saasstack.events.delivery.LogSnagDeliveryTask;
import io.saasstack.events.logsnag.LogSnagRequests;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Events kept in the application's database ({@code saas.delivery.store=jdbc}): the tracker writes
 * each request as a delivery, any instance sends it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "com.github.kagkarlsson.scheduler.Scheduler")
@ConditionalOnBean(DbSchedulerDeliveryQueue.class)
class DurableEventTrackerConfiguration {

	@Bean
	@ConditionalOnMissingBean
	LogSnagDeliveryTask logSnagDeliveryTask(ReactiveLogSnagClient client) {
		return new LogSnagDeliveryTask(client);
	}

	@Bean
	@ConditionalOnMissingBean(EventTracker.class)
	DurableEventTracker eventTracker(DbSchedulerDeliveryQueue deliveryQueue, LogSnagRequests requests,
			LogSnagDeliveryTask task, DeliveryMonitor monitor) {
		return new DurableEventTracker(deliveryQueue, requests, task, () -> monitor.status().pending());
	}

}
