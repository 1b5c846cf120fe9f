package io.saasstack.webhooks.autoconfigure;

import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when at least one webhook endpoint is to be served: a provider's webhook secret is set,
 * or Cloudinary notifications are enabled.
 */
class OnWebhookEndpointsCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		List<WebhookSecrets.Configured> configured = WebhookSecrets.configured(context.getEnvironment());
		if (configured.isEmpty()) {
			return ConditionOutcome.noMatch("no webhook secret is set (" + WebhookSecrets.CLERK + ", "
					+ WebhookSecrets.RESEND + ", " + WebhookSecrets.SUPABASE + ", " + WebhookSecrets.IMAGEKIT
					+ ") and saas.webhooks.cloudinary.enabled is not true, or saas.webhooks.enabled is false");
		}
		return ConditionOutcome.match("webhook endpoints for "
				+ configured.stream().map(WebhookSecrets.Configured::provider).toList());
	}

}
