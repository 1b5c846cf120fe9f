package io.saasstack.delivery.jdbc;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import io.saasstack.core.SaasException;
import io.saasstack.core.SaasRateLimitException;
import io.saasstack.delivery.DeliveryDeferredException;
import io.saasstack.delivery.DeliveryOutcomes;
import io.saasstack.delivery.DeliveryTask;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Decides what follows a failed attempt, as {@link DeliveryTask} describes: defer, retry after
 * the back-off or the provider's {@code Retry-After}, or keep the item as failed for good.
 */
final class DeliveryFailureHandler implements FailureHandler<DeliveryItem> {

	private static final Log logger = LogFactory.getLog(DeliveryFailureHandler.class);

	private final DeliveryPolicy policy;

	private final FailedDeliveryStore failed;

	private final DeliveryOutcomes outcomes;

	private final Clock clock;

	DeliveryFailureHandler(DeliveryPolicy policy, FailedDeliveryStore failed, DeliveryOutcomes outcomes, Clock clock) {
		this.policy = policy;
		this.failed = failed;
		this.outcomes = outcomes;
		this.clock = clock;
	}

	@Override
	public void onFailure(ExecutionComplete complete, ExecutionOperations<DeliveryItem> operations) {
		Throwable cause = complete.getCause().orElse(null);
		DeliveryItem item = (DeliveryItem) complete.getExecution().taskInstance.getData();
		Instant now = this.clock.instant();
		if (cause instanceof DeliveryDeferredException deferred) {
			operations.reschedule(complete, now.plus(deferred.getDelay()));
			this.outcomes.record(item.task(), "deferred");
			return;
		}
		DeliveryItem next = item.next();
		if (permanent(cause) || next.attempts() >= this.policy.maxAttempts()) {
			String id = complete.getExecution().taskInstance.getId();
			String error = describe(cause);
			this.failed.save(item.task(), id, item.payload(), next.attempts(), error, now);
			operations.remove();
			this.outcomes.record(item.task(), "failed");
			logger.warn("Delivery " + id + " failed for good after " + next.attempts()
					+ " attempt(s), kept for the saasdelivery endpoint: " + error);
			return;
		}
		operations.reschedule(complete, now.plus(delay(cause, next.attempts())), next);
		this.outcomes.record(item.task(), "retried");
	}

	private Duration delay(@Nullable Throwable cause, int attempts) {
		Duration backoff = this.policy.backoff(attempts);
		if (cause instanceof SaasRateLimitException limited && limited.getRetryAfter() != null
				&& limited.getRetryAfter().compareTo(backoff) > 0) {
			return limited.getRetryAfter();
		}
		return backoff;
	}

	private static boolean permanent(@Nullable Throwable cause) {
		if (cause instanceof SaasRateLimitException) {
			return false;
		}
		return (cause instanceof SaasException saas && !saas.isRetryable()) || cause instanceof IllegalArgumentException;
	}

	static String describe(@Nullable Throwable cause) {
		if (cause == null) {
			return "unknown error";
		}
		if (cause instanceof SaasException) {
			return String.valueOf(cause.getMessage());
		}
		// foreign exception messages are not vetted for secrets or payload content: the type only
		return cause.getClass().getName();
	}

}
