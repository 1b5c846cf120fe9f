package io.saasstack.sample;

import java.util.LinkedHashMap;
import java.util.Map;

import io.saasstack.core.SaasStackVersion;

import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Tells which providers the sample talks to for real and which run on their local stand-ins.
 */
@RestController
class StatusController {

	private final Environment environment;

	StatusController(Environment environment) {
		this.environment = environment;
	}

	@GetMapping("/api/status")
	Map<String, Object> status() {
		Map<String, Object> status = new LinkedHashMap<>();
		status.put("saasStack", SaasStackVersion.get());
		status.put("auth", mode("saas.auth.clerk.publishable-key", "saas.auth.clerk.jwt-key",
				"saas.auth.clerk.secret-key", "saas.auth.supabase.url"));
		status.put("media", mode("saas.media.imagekit.private-key", "saas.media.cloudinary.api-secret"));
		status.put("events", mode("saas.events.logsnag.token"));
		status.put("mail", mode("saas.mail.resend.api-key"));
		return status;
	}

	private String mode(String... credentialProperties) {
		for (String property : credentialProperties) {
			if (this.environment.containsProperty(property)) {
				return "configured";
			}
		}
		return "local";
	}

}
