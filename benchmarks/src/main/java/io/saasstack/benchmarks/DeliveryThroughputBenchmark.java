package io.saasstack.benchmarks;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.saasstack.events.EventTracker;
import io.saasstack.events.LogEvent;
import io.saasstack.events.LogSnagClient;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Events delivered per second to a loopback LogSnag stub: the background pipeline with default
 * settings against the naive baseline, one blocking POST per event, in the same run. The stub's
 * latency stands for the network round trip to LogSnag.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, batchSize = 1)
@Measurement(iterations = 3, batchSize = 1)
@Fork(1)
public class DeliveryThroughputBenchmark {

	static final int PIPELINE_EVENTS = 20_000;

	static final int NAIVE_EVENTS = 200;

	@Param({ "0", "10", "50" })
	public int latencyMillis;

	private StubLogSnag stub;

	private ConfigurableApplicationContext context;

	private EventTracker tracker;

	private LogSnagClient client;

	private final LogEvent event = LogEvent.builder("User Upgraded").description("Upgraded to pro")
		.userId("user_123")
		.tag("plan", "pro")
		.build();

	@Setup(Level.Trial)
	public void start() {
		this.stub = new StubLogSnag(Duration.ofMillis(this.latencyMillis));
		this.context = BenchmarkApplication.start(this.stub,
				"saas.events.delivery.queue-capacity=" + PIPELINE_EVENTS);
		this.tracker = this.context.getBean(EventTracker.class);
		this.client = this.context.getBean(LogSnagClient.class);
	}

	@TearDown(Level.Trial)
	public void stop() {
		this.context.close();
		this.stub.close();
	}

	/** Events per second through {@code EventTracker}: queue them all, wait until delivered. */
	@Benchmark
	@OperationsPerInvocation(PIPELINE_EVENTS)
	@BenchmarkMode(Mode.SingleShotTime)
	@OutputTimeUnit(TimeUnit.MICROSECONDS)
	public boolean pipeline() {
		for (int i = 0; i < PIPELINE_EVENTS; i++) {
			this.tracker.track(this.event);
		}
		if (!this.tracker.flush(Duration.ofMinutes(2))) {
			throw new IllegalStateException("not delivered in time");
		}
		return true;
	}

	/** The naive baseline: the caller sends each event itself and waits for LogSnag. */
	@Benchmark
	@OperationsPerInvocation(NAIVE_EVENTS)
	@BenchmarkMode(Mode.SingleShotTime)
	@OutputTimeUnit(TimeUnit.MICROSECONDS)
	public boolean naiveBlockingPost() {
		for (int i = 0; i < NAIVE_EVENTS; i++) {
			this.client.log(this.event);
		}
		return true;
	}

}
