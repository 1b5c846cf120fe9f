package io.saasstack.core.autoconfigure;

import java.util.Locale;
import java.util.Set;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} that keeps saas-stack credentials masked in
 * the {@code env} and {@code configprops} endpoints even when an application sets
 * {@code show-values=always} for them.
 *
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnClass(SanitizingFunction.class)
public final class SaasSanitizingAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "saasCredentialsSanitizingFunction")
	SanitizingFunction saasCredentialsSanitizingFunction() {
		return new SaasCredentialsSanitizingFunction();
	}

	/**
	 * Masks every property under {@code saas.} whose last segment names a credential, in any of
	 * the forms relaxed binding accepts: {@code saas.auth.clerk.secret-key},
	 * {@code saas.auth.clerk.secretKey} and the environment variable
	 * {@code SAAS_AUTH_CLERK_SECRETKEY}, which the env endpoint lists under its own name.
	 */
	static final class SaasCredentialsSanitizingFunction implements SanitizingFunction {

		private static final Set<String> CREDENTIAL_NAMES = Set.of("apikey", "apisecret", "secretkey", "privatekey",
				"token", "jwtsecret", "jwtkey", "webhooksecret", "hooksecret", "password", "secret");

		@Override
		public SanitizableData apply(SanitizableData data) {
			return isSaasCredential(data.getKey()) ? data.withSanitizedValue() : data;
		}

		static boolean isSaasCredential(String key) {
			String name = key.toLowerCase(Locale.ROOT);
			if (name.indexOf('.') == -1) {
				// an environment variable: SAAS_AUTH_CLERK_SECRETKEY is saas.auth.clerk.secretkey
				name = name.replace('_', '.');
			}
			if (!name.startsWith("saas.")) {
				return false;
			}
			String[] segments = name.split("\\.");
			String last = canonical(segments[segments.length - 1]);
			// the variable written with "_" for the dash too (Boot's legacy form, which binds as well) splits the name
			String lastTwo = (segments.length > 2) ? canonical(segments[segments.length - 2]) + last : last;
			return namesCredential(last) || namesCredential(lastTwo);
		}

		/** {@code secretkey}, and a qualified one such as {@code machinesecretkey}. */
		private static boolean namesCredential(String name) {
			for (String credential : CREDENTIAL_NAMES) {
				if (name.endsWith(credential)) {
					return true;
				}
			}
			return false;
		}

		private static String canonical(String segment) {
			return segment.replace("-", "").replace("_", "");
		}

	}

}
