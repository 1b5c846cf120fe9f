package io.saasstack.mail.autoconfigure;

import io.saasstack.core.autoconfigure.SaasCoreAutoConfiguration;
import io.saasstack.core.autoconfigure.SaasHealthContributorAutoConfiguration;
import io.saasstack.delivery.DeliveryQueue;
import io.saasstack.delivery.autoconfigure.DeliveryAutoConfiguration;
import io.saasstack.mail.MailClient;
import io.saasstack.mail.MailOutbox;
import io.saasstack.mail.ReactiveMailClient;
import io.saasstack.mail.outbox.DeliveringMailOutbox;
import io.saasstack.mail.outbox.MailDeliveryTask;
import io.saasstack.mail.resend.BlockingMailClient;
import io.saasstack.mail.resend.MailDefaults;
import io.saasstack.mail.resend.ResendEmailChecks;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of transactional mail: the Resend client
 * when {@code saas.mail.resend.api-key} is set (paced to {@code requests-per-second}), else a
 * local stand-in that logs and keeps mails; plus templates and Spring's {@code MailSender}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = { SaasCoreAutoConfiguration.class, DeliveryAutoConfiguration.class }, before = SaasHealthContributorAutoConfiguration.class,
		afterName = { "org.springframework.boot.thymeleaf.autoconfigure.ThymeleafAutoConfiguration",
				"org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration" })
@ConditionalOnBooleanProperty(name = "saas.mail.enabled", matchIfMissing = true)
@ConditionalOnClass(Mono.class)
@EnableConfigurationProperties(MailProperties.class)
// the order matters: the local client backs off to the Resend one
@Import({ ResendClientConfiguration.class, LocalMailClientConfiguration.class, MailTemplatesConfiguration.class,
		MailSenderConfiguration.class })
public final class MailAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(MailClient.class)
	BlockingMailClient mailClient(ReactiveMailClient reactiveMailClient) {
		return new BlockingMailClient(reactiveMailClient);
	}

	@Bean
	@ConditionalOnMissingBean
	MailDeliveryTask mailDeliveryTask(ReactiveMailClient reactiveMailClient, ListableBeanFactory beanFactory) {
		// in the database store a mail waits for its turn in a delivery thread: one at a time per instance,
		// so that turns are not booked ahead (a paused instance would send them together) and the events
		// keep their threads; in memory the wait holds no thread
		boolean durable = beanFactory.containsBean(DeliveryAutoConfiguration.JDBC_QUEUE_BEAN);
		return new MailDeliveryTask(reactiveMailClient, durable ? 1 : Integer.MAX_VALUE);
	}

	@Bean
	@ConditionalOnMissingBean(MailOutbox.class)
	@ConditionalOnBean(DeliveryQueue.class)
	DeliveringMailOutbox mailOutbox(DeliveryQueue deliveryQueue, MailDeliveryTask mailDeliveryTask,
			MailProperties properties) {
		MailDefaults defaults = defaults(properties);
		return new DeliveringMailOutbox(deliveryQueue, mailDeliveryTask,
				(email) -> ResendEmailChecks.checkEmail(defaults.applyTo(email)),
				(emails) -> ResendEmailChecks.checkBatch(emails.stream().map(defaults::applyTo).toList()),
				ResendEmailChecks::checkIdempotencyKey);
	}

	static MailDefaults defaults(MailProperties properties) {
		return new MailDefaults(properties.getDefaultFrom(), replyTo(properties));
	}

	static java.util.List<String> replyTo(MailProperties properties) {
		return (properties.getDefaultReplyTo() != null) ? java.util.List.of(properties.getDefaultReplyTo())
				: java.util.List.of();
	}

}
