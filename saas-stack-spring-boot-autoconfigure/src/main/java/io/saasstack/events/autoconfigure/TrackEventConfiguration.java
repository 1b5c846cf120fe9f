package io.saasstack.events.autoconfigure;

import io.saasstack.events.EventTracker;
import io.saasstack.events.aop.TrackEventAdvisor;
import io.saasstack.events.aop.TrackEventAnnotationValidator;

import org.springframework.aop.Advisor;
import org.springframework.aop.config.AopConfigUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;

/**
 * {@code @TrackEvent} support: an infrastructure advisor (applied by Boot's AOP
 * auto-configuration with or without AspectJ, to interface and class proxies) and the startup
 * check of every annotation.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(Advisor.class)
@ConditionalOnBooleanProperty(name = "saas.events.track-event.enabled", matchIfMissing = true)
class TrackEventConfiguration {

	// static: advisors are created early, with the bean post-processors
	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	@ConditionalOnMissingBean
	static TrackEventAdvisor trackEventAdvisor(ObjectProvider<EventTracker> eventTracker) {
		return new TrackEventAdvisor(eventTracker);
	}

	// with spring.aop.auto=false (or no AspectJ and interface proxies) Boot registers no
	// auto-proxy creator; this registers the basic one only when none exists
	@Bean
	static BeanFactoryPostProcessor trackEventAutoProxyCreatorRegistrar() {
		return (beanFactory) -> AopConfigUtils
			.registerAutoProxyCreatorIfNecessary((BeanDefinitionRegistry) beanFactory);
	}

	@Bean
	@ConditionalOnMissingBean
	TrackEventAnnotationValidator trackEventAnnotationValidator(EventsProperties properties) {
		return new TrackEventAnnotationValidator(properties.getLogsnag().getDefaultChannel(),
				properties.getLogsnag().isNormalizeKeys());
	}

}
