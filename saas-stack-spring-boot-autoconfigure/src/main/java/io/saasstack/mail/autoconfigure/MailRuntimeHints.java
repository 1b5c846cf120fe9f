package io.saasstack.mail.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.util.ClassUtils;

/**
 * Native-image hints of the mail area: the Resend request and response bodies Jackson binds by
 * reflection (named: they are private to their client), and the types they contain.
 */
class MailRuntimeHints implements RuntimeHintsRegistrar {

	static final String[] JSON_TYPES = {
			"io.saasstack.mail.resend.ResendWire$SendEmailBody",
			"io.saasstack.mail.resend.ResendWire$RescheduleBody",
			"io.saasstack.mail.resend.ResendWire$IdBody",
			"io.saasstack.mail.resend.ResendWire$BatchBody",
			"io.saasstack.mail.resend.ResendWire$EmailBody",
			"io.saasstack.mail.resend.ResendWire$ListBody",
			"io.saasstack.mail.health.ResendHealthCheck$DomainList"
	};

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		BindingReflectionHintsRegistrar bindings = new BindingReflectionHintsRegistrar();
		for (String type : JSON_TYPES) {
			bindings.registerReflectionHints(hints.reflection(), ClassUtils.resolveClassName(type, classLoader));
		}
	}

}
