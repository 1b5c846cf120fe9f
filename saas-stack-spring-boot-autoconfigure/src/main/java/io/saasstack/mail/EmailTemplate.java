package io.saasstack.mail;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A template published in Resend, by id, with its variables (strings or numbers). An email
 * using it has no html or text of its own.
 *
 * @param id published template id or alias
 * @param variables variable values by name
 * @since 0.1.0
 */
public record EmailTemplate(String id, Map<String, Object> variables) {

	public EmailTemplate {
		variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
	}

}
