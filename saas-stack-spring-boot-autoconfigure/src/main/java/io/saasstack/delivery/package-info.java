/**
 * Outbound delivery shared by events and mail, and the stores webhooks need: an area says what one
 * delivery is ({@link io.saasstack.delivery.DeliveryTask}) and enqueues its items on a
 * {@link io.saasstack.delivery.DeliveryQueue}; the queue is in memory (the default) or in the
 * application's database ({@code saas.delivery.store=jdbc}), durable and shared by every instance.
 */
@NullMarked
package io.saasstack.delivery;

import org.jspecify.annotations.NullMarked;
