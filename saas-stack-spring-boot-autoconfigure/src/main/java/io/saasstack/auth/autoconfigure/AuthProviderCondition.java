package io.saasstack.auth.autoconfigure;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Which identity provider protects the application: {@code saas.auth.provider}, else Clerk when
 * a Clerk key is set, else Supabase when its URL is set.
 */
abstract class AuthProviderCondition extends SpringBootCondition {

	private final String provider;

	AuthProviderCondition(String provider) {
		this.provider = provider;
	}

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		String selected = selected(context.getEnvironment());
		if (this.provider.equals(selected)) {
			return ConditionOutcome.match("saas.auth provider is " + selected);
		}
		return ConditionOutcome.noMatch("saas.auth provider is " + ((selected != null) ? selected : "not configured")
				+ ": set saas.auth.provider or the " + this.provider + " keys (saas.auth." + this.provider + ".*)");
	}

	static @Nullable String selected(Environment environment) {
		String explicit = environment.getProperty("saas.auth.provider");
		if (explicit != null && !explicit.isBlank()) {
			return explicit.strip().toLowerCase(Locale.ROOT);
		}
		if (environment.containsProperty("saas.auth.clerk.publishable-key")
				|| environment.containsProperty("saas.auth.clerk.jwt-key")
				|| environment.containsProperty("saas.auth.clerk.secret-key")) {
			return "clerk";
		}
		if (environment.containsProperty("saas.auth.supabase.url")) {
			return "supabase";
		}
		return null;
	}

	static final class Clerk extends AuthProviderCondition {

		Clerk() {
			super("clerk");
		}

	}

	static final class Supabase extends AuthProviderCondition {

		Supabase() {
			super("supabase");
		}

	}

	/** No provider is configured. */
	static final class None extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			String selected = selected(context.getEnvironment());
			return (selected == null) ? ConditionOutcome.match("no saas.auth provider is configured")
					: ConditionOutcome.noMatch("saas.auth provider is " + selected);
		}

	}

	/** A provider is configured. */
	static final class Any extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			String selected = selected(context.getEnvironment());
			return (selected != null) ? ConditionOutcome.match("saas.auth provider is " + selected)
					: ConditionOutcome.noMatch("no saas.auth provider is configured");
		}

	}

}
