package io.saasstack.core.autoconfigure;

import java.net.URI;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import io.saasstack.core.SaasHttpClient;
import io.saasstack.core.SaasHttpClientFactory;
import io.saasstack.core.SaasRequest;
import io.saasstack.core.SaasStackVersion;
import io.saasstack.core.SaasWebClientCustomizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.http.client.reactive.HttpComponentsClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.JdkClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.ReactorClientHttpConnectorBuilder;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.util.ClassUtils;
import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

class SaasCoreAutoConfigurationTests {

	@RegisterExtension
	static WireMockExtension wireMock = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class,
				ReactiveHttpClientAutoConfiguration.class, SaasCoreAutoConfiguration.class));

	@Test
	void createsClientFactory() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(SaasHttpClientFactory.class));
	}

	@Test
	void usesApacheHttpClientWhenReactorNettyIsAbsent() {
		// a servlet application with the starter: Apache HttpClient 5 and its reactive adapter, no Reactor Netty
		this.contextRunner.withClassLoader(new FilteredClassLoader("reactor.netty"))
			.run((context) -> assertThat(context.getBean(SaasHttpClientFactory.class)).extracting("connectorBuilder")
				.isInstanceOf(HttpComponentsClientHttpConnectorBuilder.class));
	}

	@Test
	void usesTheJdkClientWhenNeitherReactorNettyNorApacheHttpClientIsPresent() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("reactor.netty", "org.apache.hc"))
			.run((context) -> assertThat(context.getBean(SaasHttpClientFactory.class)).extracting("connectorBuilder")
				.isInstanceOf(JdkClientHttpConnectorBuilder.class));
	}

	@Test
	void usesTheConnectorOfTheClasspath() {
		// Reactor Netty where the application has it (this module's default test execution), Apache
		// HttpClient 5 where it has not (execution starter-connector, as in a servlet application)
		Class<?> expected = ClassUtils.isPresent("reactor.netty.http.client.HttpClient", null)
				? ReactorClientHttpConnectorBuilder.class : HttpComponentsClientHttpConnectorBuilder.class;
		this.contextRunner.run((context) -> assertThat(context.getBean(SaasHttpClientFactory.class))
			.extracting("connectorBuilder")
			.isInstanceOf(expected));
	}

	@Test
	void usesTheConnectorChosenInBootsProperty() {
		this.contextRunner.withPropertyValues("spring.http.clients.reactive.connector=jdk")
			.run((context) -> assertThat(context.getBean(SaasHttpClientFactory.class)).extracting("connectorBuilder")
				.isInstanceOf(JdkClientHttpConnectorBuilder.class));
	}

	@Test
	void backsOffToUserFactory() {
		SaasHttpClientFactory userFactory = SaasHttpClientFactory.standalone();
		this.contextRunner.withBean(SaasHttpClientFactory.class, () -> userFactory)
			.run((context) -> assertThat(context).getBean(SaasHttpClientFactory.class).isSameAs(userFactory));
	}

	@Test
	void backsOffWithoutWebClient() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(WebClient.class))
			.run((context) -> assertThat(context).doesNotHaveBean(SaasHttpClientFactory.class));
	}

	@Test
	void clientsUseBootBuilderCustomizersSaasCustomizersAndUserAgent() {
		wireMock.stubFor(get("/ping").willReturn(aResponse().withStatus(204)));
		this.contextRunner
			.withBean("bootCustomizer", WebClientCustomizer.class,
					() -> (builder) -> builder.defaultHeader("X-From-Boot", "yes"))
			.withBean("resendCustomizer", SaasWebClientCustomizer.class,
					() -> SaasWebClientCustomizer.forProvider("resend", (builder) -> builder.defaultHeader("X-Only", "resend")))
			.run((context) -> {
				SaasHttpClientFactory factory = context.getBean(SaasHttpClientFactory.class);
				call(factory, "resend");
				call(factory, "logsnag");
			});
		wireMock.verify(2, getRequestedFor(urlEqualTo("/ping")).withHeader("X-From-Boot", equalTo("yes"))
			.withHeader("User-Agent", equalTo(SaasStackVersion.userAgent())));
		wireMock.verify(1, getRequestedFor(urlEqualTo("/ping")).withHeader("X-Only", equalTo("resend")));
	}

	@Test
	void observesCallsWithTheApplicationRegistry() {
		wireMock.stubFor(get("/ping").willReturn(aResponse().withStatus(204)));
		TestObservationRegistry registry = TestObservationRegistry.create();
		this.contextRunner.withBean(TestObservationRegistry.class, () -> registry)
			.run((context) -> call(context.getBean(SaasHttpClientFactory.class), "resend"));
		TestObservationRegistryAssert.assertThat(registry)
			.hasObservationWithNameEqualTo("saas.client.requests")
			.that()
			.hasLowCardinalityKeyValue("provider", "resend")
			.hasLowCardinalityKeyValue("outcome", "SUCCESS");
	}

	private static void call(SaasHttpClientFactory factory, String provider) {
		SaasHttpClient client = factory.client(provider).baseUrl(URI.create(wireMock.baseUrl())).build();
		client.exchange(SaasRequest.get("ping", "/ping").build(), Void.class).block();
	}

}
