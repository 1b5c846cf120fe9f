package io.saasstack.webhooks;

/**
 * Remembers the ids of the webhooks already received, so that a delivery replayed by an attacker or
 * retried by the provider is acknowledged but not published twice.
 * <p>
 * The default {@link InMemoryWebhookReplayGuard} only knows its own instance: applications running
 * several instances provide their own bean (a shared store, e.g. Redis {@code SET NX EX}).
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface WebhookReplayGuard {

	/**
	 * Records a delivery, atomically.
	 * @param provider the provider name
	 * @param id the message id
	 * @return {@code true} the first time the id is seen within the window, {@code false} for a replay
	 */
	boolean firstDelivery(String provider, String id);

	/**
	 * Forgets a delivery whose processing failed, so that the provider's retry is processed again.
	 * The default does nothing.
	 * @param provider the provider name
	 * @param id the message id
	 */
	default void release(String provider, String id) {
	}

}
