package io.saasstack.events.delivery;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Counts occurrences of something worth a log line and allows at most one line per interval,
 * reporting how many happened since the previous line. Lock-free: safe to call from any thread
 * for every occurrence.
 */
final class ReportThrottle {

	// keeps nanoTime arithmetic far from overflow
	private static final long MAX_INTERVAL_NANOS = Long.MAX_VALUE / 4;

	private final long intervalNanos;

	private final AtomicLong unreported = new AtomicLong();

	private final AtomicLong nextReportAt;

	private final LongSupplier nanoTime;

	ReportThrottle(Duration interval) {
		this(interval, System::nanoTime);
	}

	ReportThrottle(Duration interval, LongSupplier nanoTime) {
		this.intervalNanos = nanos(interval);
		this.nanoTime = nanoTime;
		this.nextReportAt = new AtomicLong(nanoTime.getAsLong());
	}

	/**
	 * Counts {@code occurrences}.
	 * @return how many occurrences the caller should report now, 0 when a line was reported less
	 * than an interval ago
	 */
	long count(long occurrences) {
		this.unreported.addAndGet(occurrences);
		long now = this.nanoTime.getAsLong();
		long next = this.nextReportAt.get();
		if (now - next < 0 || !this.nextReportAt.compareAndSet(next, now + this.intervalNanos)) {
			return 0;
		}
		return this.unreported.getAndSet(0);
	}

	/** The duration in nanoseconds, negative as zero, bounded so that deadlines never overflow. */
	static long nanos(Duration duration) {
		if (duration.isNegative()) {
			return 0;
		}
		return (duration.compareTo(Duration.ofNanos(MAX_INTERVAL_NANOS)) > 0) ? MAX_INTERVAL_NANOS : duration.toNanos();
	}

}
