package io.saasstack.delivery.autoconfigure;

import javax.sql.DataSource;

import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.saasstack.core.InvalidSaasPropertyException;
import io.saasstack.core.RequestPacer;
import io.saasstack.delivery.jdbc.DeliveryTables;
import io.saasstack.delivery.jdbc.SharedRateLimitPacer;
import io.saasstack.mail.autoconfigure.MailProperties;
import io.saasstack.mail.resend.ResendPacingTimeoutException;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Resend's rate limit (per team) held by one Bucket4j bucket in the database for every instance:
 * the {@code resendPacer} of the Resend client, so direct and queued sends share it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass({ Bucket4jPostgreSQL.class, MailProperties.class })
@ConditionalOnProperty("saas.mail.resend.api-key")
@EnableConfigurationProperties(MailProperties.class)
class SharedRateLimitConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "saasRateLimitBuckets")
	ProxyManager<String> saasRateLimitBuckets(DataSource dataSource, DeliveryTables tables) {
		String platform = JdbcDeliveryConfiguration.platform(dataSource);
		if (!DatabaseDriver.POSTGRESQL.getId().equals(platform)) {
			throw new InvalidSaasPropertyException(OnJdbcDeliveryStoreCondition.PROPERTY,
					"the Resend rate limit shared by every instance needs PostgreSQL (Bucket4j's PostgreSQL module), not "
							+ platform,
					"use PostgreSQL, or set " + OnJdbcDeliveryStoreCondition.PROPERTY + "=memory");
		}
		return Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
			.primaryKeyMapper(PrimaryKeyMapper.STRING)
			.table(tables.rateLimitBuckets())
			.idColumn("id")
			.stateColumn("state")
			.build();
	}

	@Bean
	@ConditionalOnMissingBean(name = "resendPacer")
	RequestPacer resendPacer(ProxyManager<String> saasRateLimitBuckets, MailProperties properties) {
		MailProperties.Resend resend = properties.getResend();
		return new SharedRateLimitPacer(saasRateLimitBuckets, "resend", resend.getRequestsPerSecond(),
				resend.getPacingTimeout(), (request, maxWait) -> new ResendPacingTimeoutException(request.operation(), null, maxWait,
						"its turn under the rate limit shared by every instance"));
	}

}
