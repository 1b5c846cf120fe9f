package io.saasstack.core;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

/**
 * Default convention: observation {@code saas.client.requests} with low-cardinality tags
 * {@code provider}, {@code operation}, {@code outcome}, {@code status} and {@code exception},
 * and the high-cardinality {@code attempts}.
 *
 * @since 0.1.0
 */
public class DefaultSaasClientObservationConvention implements SaasClientObservationConvention {

	/** Name of the observation, and so of its timer. */
	public static final String NAME = "saas.client.requests";

	private static final String NONE = "none";

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(SaasClientObservationContext context) {
		return context.getProvider() + " " + context.getRequest().operation();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(SaasClientObservationContext context) {
		return KeyValues.of(KeyValue.of("provider", context.getProvider()),
				KeyValue.of("operation", context.getRequest().operation()), KeyValue.of("outcome", outcome(context)),
				KeyValue.of("status", (context.getStatus() != null) ? String.valueOf(context.getStatus()) : NONE),
				KeyValue.of("exception", (context.getError() != null) ? context.getError().getClass().getSimpleName() : NONE));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(SaasClientObservationContext context) {
		return KeyValues.of(KeyValue.of("attempts", String.valueOf(context.getAttempts())));
	}

	/**
	 * {@code SUCCESS}, {@code CLIENT_ERROR}, {@code RATE_LIMITED}, {@code SERVER_ERROR},
	 * {@code TRANSPORT_ERROR} or {@code UNKNOWN} (cancelled or an unexpected failure).
	 */
	protected String outcome(SaasClientObservationContext context) {
		Throwable error = context.getError();
		if (error instanceof SaasRateLimitException) {
			return "RATE_LIMITED";
		}
		if (error instanceof SaasTransportException) {
			return "TRANSPORT_ERROR";
		}
		Integer status = context.getStatus();
		if (status == null) {
			return "UNKNOWN";
		}
		if (status >= 500) {
			return "SERVER_ERROR";
		}
		if (status >= 400) {
			return "CLIENT_ERROR";
		}
		return (error == null) ? "SUCCESS" : "UNKNOWN";
	}

}
