package io.saasstack.delivery.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Matches when deliveries are kept in memory ({@code saas.delivery.store}, the default without a
 * {@code DataSource} or the JDBC starter).
 *
 * @since 0.2.0
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(OnJdbcDeliveryStoreCondition.class)
public @interface ConditionalOnMemoryDeliveryStore {

}
