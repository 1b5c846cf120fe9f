package io.saasstack.events.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.util.ClassUtils;

/**
 * Native-image hints of the events area: the LogSnag request bodies Jackson writes by
 * reflection (named: they are private to their client).
 */
class EventsRuntimeHints implements RuntimeHintsRegistrar {

	static final String[] JSON_TYPES = {
			"io.saasstack.events.logsnag.LogSnagHttpClient$LogBody",
			"io.saasstack.events.logsnag.LogSnagHttpClient$IdentifyBody",
			"io.saasstack.events.logsnag.LogSnagHttpClient$InsightBody",
			"io.saasstack.events.logsnag.LogSnagHttpClient$GroupBody"
	};

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		BindingReflectionHintsRegistrar bindings = new BindingReflectionHintsRegistrar();
		for (String type : JSON_TYPES) {
			bindings.registerReflectionHints(hints.reflection(), ClassUtils.resolveClassName(type, classLoader));
		}
	}

}
