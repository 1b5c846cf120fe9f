package io.saasstack.core;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Convention for the observation of provider calls; declare a bean to replace
 * {@link DefaultSaasClientObservationConvention}.
 *
 * @since 0.1.0
 */
public interface SaasClientObservationConvention extends ObservationConvention<SaasClientObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof SaasClientObservationContext;
	}

}
