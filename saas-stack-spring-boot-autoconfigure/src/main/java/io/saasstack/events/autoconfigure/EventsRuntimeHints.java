package io.saasstack.events.autoconfigure;

import io.saasstack.core.autoconfigure.JsonBindingRuntimeHints;

/**
 * Native-image hints of the events area: the LogSnag request bodies Jackson writes by
 * reflection (named: they are private to their client).
 */
class EventsRuntimeHints extends JsonBindingRuntimeHints {

	EventsRuntimeHints() {
		super("io.saasstack.events.logsnag.LogSnagHttpClient$LogBody",
				"io.saasstack.events.logsnag.LogSnagHttpClient$IdentifyBody",
				"io.saasstack.events.logsnag.LogSnagHttpClient$InsightBody",
				"io.saasstack.events.logsnag.LogSnagHttpClient$GroupBody");
	}

}
