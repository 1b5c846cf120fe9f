package io.saasstack.core;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * Context of the observation of one provider call, retries included.
 *
 * @since 0.1.0
 */
public class SaasClientObservationContext extends Observation.Context {

	private final String provider;

	private final SaasRequest request;

	private @Nullable Integer status;

	private int attempts;

	public SaasClientObservationContext(String provider, SaasRequest request) {
		this.provider = provider;
		this.request = request;
	}

	/** Provider id, for example {@code resend}. */
	public String getProvider() {
		return this.provider;
	}

	/** The request being made. */
	public SaasRequest getRequest() {
		return this.request;
	}

	/** HTTP status of the final response, or null when none was received. */
	public @Nullable Integer getStatus() {
		return this.status;
	}

	public void setStatus(@Nullable Integer status) {
		this.status = status;
	}

	/** Number of attempts made, the first included. */
	public int getAttempts() {
		return this.attempts;
	}

	void recordAttempt() {
		this.attempts++;
	}

}
