package io.saasstack.webhooks;

import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.util.Assert;

/**
 * A {@link WebhookReplayGuard} in memory: ids seen within a window (10 minutes by default, never
 * less than the 5 minutes the signature schemes accept a timestamp), at most {@code maxSize} of them,
 * the oldest evicted first. Thread-safe. Only protects one instance: several instances need a shared
 * guard.
 *
 * @since 0.1.0
 */
public class InMemoryWebhookReplayGuard implements WebhookReplayGuard {

	/** The default window. */
	public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(10);

	/** The shortest window: the timestamp tolerance of the Standard Webhooks scheme. */
	public static final Duration MIN_WINDOW = Duration.ofMinutes(5);

	/** The default number of ids kept. */
	public static final int DEFAULT_MAX_SIZE = 10_000;

	private final long windowMillis;

	private final int maxSize;

	private final Clock clock;

	// insertion order = time order: the eldest entries are the expired ones
	private final LinkedHashMap<String, Long> seen = new LinkedHashMap<>();

	public InMemoryWebhookReplayGuard() {
		this(DEFAULT_WINDOW, DEFAULT_MAX_SIZE, Clock.systemUTC());
	}

	public InMemoryWebhookReplayGuard(Duration window, int maxSize) {
		this(window, maxSize, Clock.systemUTC());
	}

	public InMemoryWebhookReplayGuard(Duration window, int maxSize, Clock clock) {
		Assert.isTrue(window.compareTo(MIN_WINDOW) >= 0, "The replay window must be at least " + MIN_WINDOW);
		Assert.isTrue(maxSize > 0, "maxSize must be positive");
		this.windowMillis = window.toMillis();
		this.maxSize = maxSize;
		this.clock = clock;
	}

	@Override
	public boolean firstDelivery(String provider, String id) {
		String key = key(provider, id);
		long now = this.clock.millis();
		synchronized (this.seen) {
			evictExpired(now);
			Long at = this.seen.get(key);
			if (at != null) {
				return false;
			}
			if (this.seen.size() >= this.maxSize) {
				Iterator<String> eldest = this.seen.keySet().iterator();
				eldest.next();
				eldest.remove();
			}
			this.seen.put(key, now);
			return true;
		}
	}

	@Override
	public void release(String provider, String id) {
		synchronized (this.seen) {
			this.seen.remove(key(provider, id));
		}
	}

	/** The number of ids currently remembered. */
	public int size() {
		synchronized (this.seen) {
			evictExpired(this.clock.millis());
			return this.seen.size();
		}
	}

	private void evictExpired(long now) {
		Iterator<Map.Entry<String, Long>> entries = this.seen.entrySet().iterator();
		while (entries.hasNext()) {
			if (now - entries.next().getValue() < this.windowMillis) {
				return;
			}
			entries.remove();
		}
	}

	private static String key(String provider, String id) {
		return provider + '\u0000' + id;
	}

}
