package io.saasstack.auth.autoconfigure;

import io.saasstack.core.autoconfigure.SaasCoreAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementContextAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.AvailabilityProbesAutoConfiguration;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.application.AvailabilityHealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.actuate.endpoint.web.WebFluxHealthEndpointExtensionAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.actuate.endpoint.web.WebMvcHealthEndpointExtensionAutoConfiguration;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationContext;
import org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Issue 13, item 5: our default chains let Kubernetes probes read the health endpoint and its
 * probe groups without a token, status only; everything else still needs one.
 */
class AuthHealthProbesSecurityTests {

	private static final String[] PROPERTIES = { "saas.auth.clerk.jwt-key=" + AuthTokens.pem(),
			"saas.auth.clerk.issuer=" + AuthTokens.ISSUER, "saas.auth.clerk.authorized-parties=" + AuthTokens.AZP,
			"management.endpoint.health.probes.enabled=true",
			"management.endpoint.health.probes.add-additional-paths=true" };

	private static final AutoConfigurations ACTUATOR = AutoConfigurations.of(
			ApplicationAvailabilityAutoConfiguration.class, EndpointAutoConfiguration.class,
			WebEndpointAutoConfiguration.class, HealthContributorAutoConfiguration.class,
			HealthContributorRegistryAutoConfiguration.class, HealthEndpointAutoConfiguration.class,
			AvailabilityHealthContributorAutoConfiguration.class, AvailabilityProbesAutoConfiguration.class,
			ManagementContextAutoConfiguration.class);

	private final WebApplicationContextRunner servlet = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class,
				ReactiveHttpClientAutoConfiguration.class, SaasCoreAutoConfiguration.class, AuthAutoConfiguration.class,
				AuthServletSecurityAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
				WebMvcAutoConfiguration.class, SecurityAutoConfiguration.class,
				ServletWebSecurityAutoConfiguration.class, SecurityFilterAutoConfiguration.class,
				WebMvcHealthEndpointExtensionAutoConfiguration.class))
		.withConfiguration(ACTUATOR)
		.withPropertyValues(PROPERTIES);

	private final ReactiveWebApplicationContextRunner reactive = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class,
				ReactiveHttpClientAutoConfiguration.class, SaasCoreAutoConfiguration.class, AuthAutoConfiguration.class,
				AuthReactiveSecurityAutoConfiguration.class, WebFluxAutoConfiguration.class,
				ReactiveWebSecurityAutoConfiguration.class, WebFluxHealthEndpointExtensionAutoConfiguration.class))
		.withConfiguration(ACTUATOR)
		.withPropertyValues(PROPERTIES);

	@Test
	void servletProbesAnswerWithoutATokenStatusOnly() {
		this.servlet.run((context) -> {
			MockMvc mvc = mvc(context);
			for (String path : new String[] { "/actuator/health", "/actuator/health/liveness",
					"/actuator/health/readiness", "/livez", "/readyz" }) {
				mvc.perform(get(path))
					.andExpect(status().isOk())
					.andExpect(jsonPath("$.status").value("UP"))
					.andExpect(jsonPath("$.components").doesNotExist())
					.andExpect(jsonPath("$.details").doesNotExist());
			}
			mvc.perform(get("/actuator/health/ping")).andExpect(status().isNotFound());
			mvc.perform(get("/actuator")).andExpect(status().isUnauthorized());
			mvc.perform(get("/me")).andExpect(status().isUnauthorized());
		});
	}

	@Test
	void servletDetailsFollowBootsShowDetails() {
		this.servlet.withPropertyValues("management.endpoint.health.show-details=when-authorized").run((context) -> {
			MockMvc mvc = mvc(context);
			mvc.perform(get("/actuator/health")).andExpect(status().isOk())
				.andExpect(jsonPath("$.components").doesNotExist());
			mvc.perform(get("/actuator/health").header("Authorization", "Bearer " + AuthTokens.valid()))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.components.livenessState.status").value("UP"));
		});
	}

	@Test
	void servletProbesCanBeClosed() {
		this.servlet.withPropertyValues("saas.auth.security.permit-health=false").run((context) -> {
			MockMvc mvc = mvc(context);
			mvc.perform(get("/actuator/health")).andExpect(status().isUnauthorized());
			mvc.perform(get("/actuator/health/liveness")).andExpect(status().isUnauthorized());
			mvc.perform(get("/livez")).andExpect(status().isUnauthorized());
			mvc.perform(get("/actuator/health").header("Authorization", "Bearer " + AuthTokens.valid()))
				.andExpect(status().isOk());
		});
	}

	@Test
	void servletChainWorksWithoutTheActuator() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class,
					ReactiveHttpClientAutoConfiguration.class, SaasCoreAutoConfiguration.class,
					AuthAutoConfiguration.class, AuthServletSecurityAutoConfiguration.class,
					DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class,
					SecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class,
					SecurityFilterAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(HealthEndpoint.class))
			.withPropertyValues(PROPERTIES)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				mvc(context).perform(get("/actuator/health")).andExpect(status().isUnauthorized());
			});
	}

	@Test
	void reactiveProbesAnswerWithoutATokenStatusOnly() {
		this.reactive.run((context) -> {
			WebTestClient client = client(context);
			for (String path : new String[] { "/actuator/health", "/actuator/health/liveness",
					"/actuator/health/readiness", "/livez", "/readyz" }) {
				client.get()
					.uri(path)
					.exchange()
					.expectStatus()
					.isOk()
					.expectBody()
					.jsonPath("$.status")
					.isEqualTo("UP")
					.jsonPath("$.components")
					.doesNotExist();
			}
			client.get().uri("/actuator").exchange().expectStatus().isUnauthorized();
			client.get().uri("/me").exchange().expectStatus().isUnauthorized();
		});
	}

	@Test
	void reactiveProbesCanBeClosed() {
		this.reactive.withPropertyValues("saas.auth.security.permit-health=false").run((context) -> {
			WebTestClient client = client(context);
			client.get().uri("/actuator/health").exchange().expectStatus().isUnauthorized();
			client.get().uri("/actuator/health/readiness").exchange().expectStatus().isUnauthorized();
			client.get().uri("/readyz").exchange().expectStatus().isUnauthorized();
		});
	}

	// what a started application publishes: the runner does not
	private static void ready(ApplicationContext context) {
		if (context.getBeanNamesForType(ApplicationAvailability.class).length > 0) {
			AvailabilityChangeEvent.publish(context, LivenessState.CORRECT);
			AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
		}
	}

	private static MockMvc mvc(WebApplicationContext context) {
		ready(context);
		return MockMvcBuilders.webAppContextSetup(context).apply(SecurityMockMvcConfigurers.springSecurity()).build();
	}

	private static WebTestClient client(ApplicationContext context) {
		ready(context);
		return WebTestClient.bindToApplicationContext(context).apply(SecurityMockServerConfigurers.springSecurity()).configureClient().build();
	}

}
