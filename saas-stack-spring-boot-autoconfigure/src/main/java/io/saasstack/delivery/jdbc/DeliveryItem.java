package io.saasstack.delivery.jdbc;

import java.io.Serializable;

/**
 * The data of one db-scheduler execution: which area task delivers it, the attempts that failed
 * so far and the area's payload. The attempts travel with the data, not in db-scheduler's failure
 * counter, because a deferred delivery (nothing sent) must not count as one.
 *
 * @param task the name of the area's {@link io.saasstack.delivery.DeliveryTask}
 * @param attempts failed attempts so far
 * @param payload the area's payload
 * @since 0.2.0
 */
public record DeliveryItem(String task, int attempts, String payload) implements Serializable {

	DeliveryItem next() {
		return new DeliveryItem(this.task, this.attempts + 1, this.payload);
	}

}
