package io.saasstack.benchmarks;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.saasstack.benchmarks.BenchmarkApplication.AccountService;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Caller-side cost of {@code @TrackEvent}: the same bean method with and without the annotation,
 * in one run, while LogSnag (a loopback stub) takes 500 ms to answer. With {@code DROP_OLDEST}
 * every call goes the whole way into the queue; with the default {@code DROP_NEWEST} a full
 * queue turns calls into counted drops.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class TrackEventBenchmark {

	@Param({ "DROP_OLDEST", "DROP_NEWEST" })
	public String overflow;

	private StubLogSnag stub;

	private ConfigurableApplicationContext context;

	private AccountService service;

	@Setup(Level.Trial)
	public void start() {
		this.stub = new StubLogSnag(Duration.ofMillis(500));
		// the JDBC starter and Spring Modulith are on the benchmarks' class path for the durable benchmarks:
		// without a database here, events are delivered from memory
		this.context = BenchmarkApplication.start(this.stub, "saas.events.delivery.overflow=" + this.overflow,
				"spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
						+ String.join(",", DurableApplications.MODULITH_AUTO_CONFIGURATIONS));
		this.service = this.context.getBean(AccountService.class);
	}

	@TearDown(Level.Trial)
	public void stop() {
		this.context.close();
		this.stub.close();
	}

	@Benchmark
	public String tracked() {
		return this.service.upgrade("user_123", "pro", 5);
	}

	@Benchmark
	public String untracked() {
		return this.service.upgradeUntracked("user_123", "pro", 5);
	}

}
