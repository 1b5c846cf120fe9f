package io.saasstack.core.autoconfigure;

import io.saasstack.core.MissingSaasDependencyException;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigureOrder;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnNotWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;

/**
 * {@link EnableAutoConfiguration Auto-configuration} that fails startup with a
 * {@link MissingSaasDependencyException} when a provider's keys are set but a library it needs is
 * missing (Spring Security's resource server for {@code saas.auth.*} in a web application, the
 * WebClient for every provider client, Resilience4j for Resend, ...): each area backs off without
 * its libraries, and the keys would silently do nothing. It has no class condition of its own, so
 * it runs whatever is missing.
 *
 * @since 0.1.0
 */
@AutoConfiguration
@AutoConfigureOrder(Ordered.HIGHEST_PRECEDENCE)
public final class SaasDependencyChecksAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	static class ServletApplicationChecks {

		ServletApplicationChecks(Environment environment, ResourceLoader resourceLoader) {
			RequiredLibraries.check(environment, resourceLoader.getClassLoader(),
					RequiredLibraries.Application.SERVLET);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	static class ReactiveApplicationChecks {

		ReactiveApplicationChecks(Environment environment, ResourceLoader resourceLoader) {
			RequiredLibraries.check(environment, resourceLoader.getClassLoader(),
					RequiredLibraries.Application.REACTIVE);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnNotWebApplication
	static class OtherApplicationChecks {

		OtherApplicationChecks(Environment environment, ResourceLoader resourceLoader) {
			RequiredLibraries.check(environment, resourceLoader.getClassLoader(), RequiredLibraries.Application.OTHER);
		}

	}

}
