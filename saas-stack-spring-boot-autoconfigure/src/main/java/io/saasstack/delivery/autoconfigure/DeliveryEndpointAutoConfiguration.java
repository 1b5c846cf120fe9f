package io.saasstack.delivery.autoconfigure;

import io.saasstack.delivery.actuate.DeliveryEndpoint;
import io.saasstack.delivery.jdbc.JdbcDeliveryMonitor;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of the {@code saasdelivery} endpoint, in the
 * database store. Like every actuator endpoint it is exposed over HTTP only when listed in
 * {@code management.endpoints.web.exposure.include}; protect it as an administration endpoint.
 *
 * @since 0.2.0
 */
@AutoConfiguration(after = DeliveryAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnBean(JdbcDeliveryMonitor.class)
@ConditionalOnAvailableEndpoint(DeliveryEndpoint.class)
public final class DeliveryEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	DeliveryEndpoint deliveryEndpoint(JdbcDeliveryMonitor monitor) {
		return new DeliveryEndpoint(monitor);
	}

}
