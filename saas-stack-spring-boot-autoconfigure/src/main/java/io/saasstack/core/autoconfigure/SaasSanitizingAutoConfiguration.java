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
	 * Masks every property under {@code saas.} whose last segment names a credential.
	 */
	static final class SaasCredentialsSanitizingFunction implements SanitizingFunction {

		private static final Set<String> CREDENTIAL_NAMES = Set.of("apikey", "apisecret", "secretkey", "privatekey",
				"token", "jwtsecret", "jwtkey", "webhooksecret", "hooksecret", "password", "secret");

		@Override
		public SanitizableData apply(SanitizableData data) {
			return isSaasCredential(data.getKey()) ? data.withSanitizedValue() : data;
		}

		static boolean isSaasCredential(String key) {
			String lowerCase = key.toLowerCase(Locale.ROOT);
			if (!lowerCase.startsWith("saas.")) {
				return false;
			}
			String last = lowerCase.substring(lowerCase.lastIndexOf('.') + 1).replace("-", "").replace("_", "");
			return CREDENTIAL_NAMES.contains(last);
		}

	}

}
