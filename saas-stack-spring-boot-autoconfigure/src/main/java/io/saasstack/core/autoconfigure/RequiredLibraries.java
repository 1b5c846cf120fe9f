package io.saasstack.core.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import io.saasstack.core.MissingSaasDependencyException;
import org.jspecify.annotations.Nullable;

import org.springframework.core.env.PropertyResolver;
import org.springframework.util.ClassUtils;

/**
 * The rule "a provider whose keys are set never silently does nothing", for libraries: per area,
 * the properties that configure a provider and the libraries its client (and, for auth, the
 * security it applies) needs. Each area's auto-configuration backs off without them, which would
 * leave the keys unused: requests unauthenticated, mails kept in memory, events only logged,
 * uploads kept in memory, webhook endpoints missing.
 */
final class RequiredLibraries {

	private static final String WEBCLIENT_STARTER = "org.springframework.boot:spring-boot-starter-webclient";

	private static final String RESOURCE_SERVER_STARTER = "org.springframework.boot:spring-boot-starter-security-oauth2-resource-server";

	private static final String JOSE = "org.springframework.security:spring-security-oauth2-jose";

	private static final String RATE_LIMITER = "io.github.resilience4j:resilience4j-ratelimiter";

	/** What every provider client is built on (the shared HTTP core). */
	static final List<Library> HTTP_CLIENT = List.of(
			new Library("io.projectreactor:reactor-core", "reactor.core.publisher.Mono", WEBCLIENT_STARTER),
			new Library("org.springframework:spring-webflux",
					"org.springframework.web.reactive.function.client.WebClient", WEBCLIENT_STARTER),
			new Library("org.springframework.boot:spring-boot-http-client",
					"org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder", WEBCLIENT_STARTER),
			new Library("tools.jackson.core:jackson-databind", "tools.jackson.databind.json.JsonMapper",
					WEBCLIENT_STARTER));

	/** Token verification. */
	static final List<Library> TOKENS = List.of(
			new Library(JOSE, "org.springframework.security.oauth2.jwt.JwtDecoder", RESOURCE_SERVER_STARTER),
			new Library("com.nimbusds:nimbus-jose-jwt", "com.nimbusds.jose.jwk.JWKSet", RESOURCE_SERVER_STARTER));

	/** The token chain of a servlet application. */
	static final List<Library> SERVLET_SECURITY = List.of(
			new Library("org.springframework.security:spring-security-config",
					"org.springframework.security.config.annotation.web.builders.HttpSecurity", RESOURCE_SERVER_STARTER),
			new Library("org.springframework.security:spring-security-web",
					"org.springframework.security.web.SecurityFilterChain", RESOURCE_SERVER_STARTER),
			new Library("org.springframework.security:spring-security-oauth2-resource-server",
					"org.springframework.security.oauth2.server.resource.web.BearerTokenResolver",
					RESOURCE_SERVER_STARTER),
			new Library("org.springframework.boot:spring-boot-security",
					"org.springframework.boot.security.autoconfigure.web.servlet.ConditionalOnDefaultWebSecurity",
					RESOURCE_SERVER_STARTER));

	/** The token chain of a reactive application. */
	static final List<Library> REACTIVE_SECURITY = List.of(
			new Library("org.springframework.security:spring-security-config",
					"org.springframework.security.config.web.server.ServerHttpSecurity", RESOURCE_SERVER_STARTER),
			new Library("org.springframework.security:spring-security-web",
					"org.springframework.security.web.server.SecurityWebFilterChain", RESOURCE_SERVER_STARTER),
			new Library("org.springframework.security:spring-security-oauth2-resource-server",
					"org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter",
					RESOURCE_SERVER_STARTER),
			new Library("org.springframework.boot:spring-boot-security",
					"org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration",
					RESOURCE_SERVER_STARTER));

	private static final List<String> AUTH_PROVIDER_PROPERTIES = List.of("saas.auth.provider",
			"saas.auth.clerk.publishable-key", "saas.auth.clerk.jwt-key", "saas.auth.clerk.secret-key",
			"saas.auth.supabase.url", "saas.auth.supabase.secret-key");

	private RequiredLibraries() {
	}

	/**
	 * Checks every area.
	 * @throws MissingSaasDependencyException for the first area whose keys are set without the
	 * libraries they need
	 */
	static void check(PropertyResolver environment, @Nullable ClassLoader classLoader, Application application) {
		auth(environment, classLoader, application);
		String mail = enabledAndSet(environment, "saas.mail.enabled", "saas.mail.capture.enabled",
				"saas.mail.resend.api-key");
		require(classLoader, mail, "mails would be kept in memory instead of being sent with Resend",
				concat(HTTP_CLIENT, List.of(new Library(RATE_LIMITER, "io.github.resilience4j.ratelimiter.RateLimiter",
						RATE_LIMITER))));
		String storage = enabledAndSet(environment, "saas.media.enabled", "saas.media.capture.enabled",
				"saas.media.cloudinary.api-key", "saas.media.cloudinary.api-secret", "saas.media.imagekit.private-key");
		require(classLoader, storage, "uploads would be kept in memory instead of being stored by the provider",
				HTTP_CLIENT);
		String urls = enabledAndSet(environment, "saas.media.enabled", null, "saas.media.cloudinary.cloud-name",
				"saas.media.imagekit.url-endpoint");
		require(classLoader, urls, "no MediaUrls would be configured", HTTP_CLIENT.subList(0, 1));
		String events = enabledAndSet(environment, "saas.events.enabled", "saas.events.recording",
				"saas.events.logsnag.token");
		require(classLoader, events, "events would be written to the log instead of being sent to LogSnag",
				HTTP_CLIENT);
		if (application != Application.OTHER) {
			webhooks(environment, classLoader, application);
		}
	}

	private static void auth(PropertyResolver environment, @Nullable ClassLoader classLoader,
			Application application) {
		if (!environment.getProperty("saas.auth.enabled", Boolean.class, true)) {
			return;
		}
		String provider = AUTH_PROVIDER_PROPERTIES.stream()
			.filter(environment::containsProperty)
			.findFirst()
			.orElse(null);
		String property = (provider != null) ? provider
				: (environment.getProperty("saas.auth.local-tokens.enabled", Boolean.class, false))
						? "saas.auth.local-tokens.enabled" : null;
		if (property == null) {
			return;
		}
		List<Library> libraries = new ArrayList<>(TOKENS);
		if (provider != null) {
			libraries.addAll(HTTP_CLIENT);
		}
		String consequence = "no token verifier would be configured";
		if (application == Application.SERVLET) {
			libraries.addAll(SERVLET_SECURITY);
			consequence = "requests would be served without authentication: no token would be verified";
		}
		else if (application == Application.REACTIVE) {
			libraries.addAll(REACTIVE_SECURITY);
			consequence = "requests would be served without authentication: no token would be verified";
		}
		else {
			// no security chain to apply: the verifier needs the JOSE support alone
			libraries.replaceAll((library) -> library.starter().equals(RESOURCE_SERVER_STARTER)
					? new Library(library.artifact(), library.className(), JOSE) : library);
		}
		require(classLoader, property, consequence, libraries);
	}

	private static void webhooks(PropertyResolver environment, @Nullable ClassLoader classLoader,
			Application application) {
		if (!environment.getProperty("saas.webhooks.enabled", Boolean.class, true)) {
			return;
		}
		String property = null;
		for (String[] secret : new String[][] { { "clerk", "saas.auth.clerk.webhook-secret" },
				{ "resend", "saas.mail.resend.webhook-secret" }, { "supabase", "saas.auth.supabase.hook-secret" },
				{ "imagekit", "saas.media.imagekit.webhook-secret" } }) {
			if (property == null && environment.containsProperty(secret[1])
					&& environment.getProperty("saas.webhooks." + secret[0] + ".enabled", Boolean.class, true)) {
				property = secret[1];
			}
		}
		if (property == null && environment.getProperty("saas.webhooks.cloudinary.enabled", Boolean.class, false)) {
			property = "saas.webhooks.cloudinary.enabled";
		}
		List<Library> libraries = new ArrayList<>(HTTP_CLIENT.subList(3, 4));
		if (application == Application.SERVLET) {
			libraries.add(new Library("org.springframework:spring-webmvc",
					"org.springframework.web.servlet.function.RouterFunctions",
					"org.springframework.boot:spring-boot-starter-webmvc"));
		}
		require(classLoader, property,
				"the webhook endpoints would not exist and the provider's deliveries would get 404", libraries);
	}

	/** The first of the properties that is set, when the area is enabled and not replaced by its stand-in. */
	private static @Nullable String enabledAndSet(PropertyResolver environment, String enabled,
			@Nullable String standIn, String... properties) {
		if (!environment.getProperty(enabled, Boolean.class, true)
				|| (standIn != null && environment.getProperty(standIn, Boolean.class, false))) {
			return null;
		}
		return Stream.of(properties).filter(environment::containsProperty).findFirst().orElse(null);
	}

	private static void require(@Nullable ClassLoader classLoader, @Nullable String property, String consequence,
			List<Library> libraries) {
		if (property == null) {
			return;
		}
		List<Library> missing = libraries.stream().filter((library) -> !library.isPresent(classLoader)).toList();
		if (missing.isEmpty()) {
			return;
		}
		Set<String> dependencies = new LinkedHashSet<>();
		missing.forEach((library) -> dependencies.add(library.starter()));
		String action = "Add the dependency " + String.join(" and ", dependencies)
				+ (dependencies.contains(WEBCLIENT_STARTER) || dependencies.contains(RATE_LIMITER)
						? " (saas-stack-spring-boot-starter brings it)" : "")
				+ ", or remove '" + property + "'"
				+ (property.startsWith("saas.auth.") ? " and the other saas.auth settings of the provider" : "")
				+ ".";
		throw new MissingSaasDependencyException(property, consequence,
				missing.stream().map(Library::toString).toList(), action);
	}

	private static List<Library> concat(List<Library> first, List<Library> second) {
		return Stream.concat(first.stream(), second.stream()).toList();
	}

	/** The kind of application, which decides what the auth area needs. */
	enum Application {

		SERVLET, REACTIVE, OTHER

	}

	/**
	 * A library, found by one of its classes.
	 * @param artifact its Maven coordinates
	 * @param className a class it provides
	 * @param starter the dependency to add to get it
	 */
	record Library(String artifact, String className, String starter) {

		boolean isPresent(@Nullable ClassLoader classLoader) {
			return ClassUtils.isPresent(this.className, classLoader);
		}

		@Override
		public String toString() {
			return this.artifact + " (" + ClassUtils.getShortName(this.className) + ")";
		}

	}

}
