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
 * a Clerk key is set, else Supabase when its URL is set. Public for the test kit, which shapes
 * its tokens after the selected provider.
 *
 * @since 0.1.0
 */
public abstract class AuthProviderCondition extends SpringBootCondition {

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
		// Clerk needs both keys: the publishable one gives the issuer, the secret one the key set
		String keys = "clerk".equals(this.provider)
				? "'saas.auth.clerk.publishable-key' and 'saas.auth.clerk.secret-key'" : "'saas.auth.supabase.url'";
		return ConditionOutcome.noMatch("saas.auth provider is " + ((selected != null) ? selected : "not configured")
				+ ": set " + keys + " (or 'saas.auth.provider' and the " + this.provider + " keys)");
	}

	/**
	 * The selected provider: {@code clerk}, {@code supabase} (or another lowercase value of
	 * {@code saas.auth.provider}), or null when none is configured.
	 */
	public static @Nullable String selected(Environment environment) {
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

	/** Clerk is the selected provider. */
	public static final class Clerk extends AuthProviderCondition {

		public Clerk() {
			super("clerk");
		}

	}

	/** Supabase is the selected provider. */
	public static final class Supabase extends AuthProviderCondition {

		public Supabase() {
			super("supabase");
		}

	}

	/** No provider is configured. */
	public static final class None extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			String selected = selected(context.getEnvironment());
			return (selected == null) ? ConditionOutcome.match("no saas.auth provider is configured")
					: ConditionOutcome.noMatch("saas.auth provider is " + selected);
		}

	}

	/** A provider is configured. */
	public static final class Any extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			String selected = selected(context.getEnvironment());
			return (selected != null) ? ConditionOutcome.match("saas.auth provider is " + selected)
					: ConditionOutcome.noMatch("no saas.auth provider is configured");
		}

	}

}
