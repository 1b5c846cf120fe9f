package io.saasstack.delivery.actuate;

import java.util.List;
import java.util.Map;

import io.saasstack.delivery.DeliveryMonitor;
import io.saasstack.delivery.DeliveryStatus;
import io.saasstack.delivery.FailedDelivery;

import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * {@code /actuator/saasdelivery}: the store's status and the deliveries that failed for good;
 * {@code POST} with {@code task} and {@code id} enqueues one again, {@code DELETE} discards it.
 * Payloads are never shown.
 *
 * @since 0.2.0
 */
@Endpoint(id = "saasdelivery")
public class DeliveryEndpoint {

	/** Failed deliveries listed at most. */
	static final int LIMIT = 200;

	private final DeliveryMonitor monitor;

	public DeliveryEndpoint(DeliveryMonitor monitor) {
		this.monitor = monitor;
	}

	@ReadOperation
	public Deliveries deliveries() {
		return new Deliveries(this.monitor.status(), this.monitor.failed(LIMIT));
	}

	@WriteOperation
	public Map<String, Object> retry(String task, String id) {
		return Map.of("task", task, "id", id, "retried", this.monitor.retry(task, id));
	}

	@DeleteOperation
	public Map<String, Object> discard(String task, String id) {
		return Map.of("task", task, "id", id, "discarded", this.monitor.discard(task, id));
	}

	/**
	 * The endpoint's answer.
	 *
	 * @param status what the store holds
	 * @param failed the newest deliveries that failed for good, at most {@value #LIMIT}
	 */
	public record Deliveries(DeliveryStatus status, List<FailedDelivery> failed) {

	}


}
