package io.saasstack.benchmarks.startup;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

import java.util.Comparator;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.core.metrics.StartupStep;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The application {@link StartupFootprintCheck} launches: Spring MVC on Jetty with one
 * controller. At {@link ApplicationReadyEvent} it prints the JVM uptime, the CPU time of the
 * process and of the main thread, the classes loaded and the heap used after a full GC, then
 * exits. It has no code of the starter: with the starter on the classpath and its
 * properties given, every area configures itself.
 */
@SpringBootApplication(proxyBeanMethods = false)
@RestController
public class FootprintApplication {

	static final String READY = "FOOTPRINT-READY";

	@GetMapping("/hello")
	String hello() {
		return "hello";
	}

	@EventListener
	void ready(ApplicationReadyEvent event) {
		long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
		long cpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime() / 1_000_000;
		long classes = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
		// the start-up runs on the main thread, which publishes this event
		long mainCpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1_000_000;
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
		long heap = memory.getHeapMemoryUsage().getUsed();
		int beans = event.getApplicationContext().getBeanDefinitionCount();
		System.out.println(READY + " uptimeMs=" + uptime + " heapBytes=" + heap + " beans=" + beans + " cpuMs=" + cpu
				+ " classes=" + classes + " mainCpuMs=" + mainCpu + " connector=" + connector(event));
		System.out.flush();
	}

	/** The WebClient connector Boot chose, by name: the baseline has no such class. */
	private static String connector(ApplicationReadyEvent event) {
		ConfigurableApplicationContext context = event.getApplicationContext();
		String name = "clientHttpConnectorBuilder";
		return context.containsBean(name) ? context.getBean(name).getClass().getSimpleName() : "none";
	}

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(FootprintApplication.class);
		BufferingApplicationStartup startup = null;
		if (Boolean.getBoolean("footprint.steps")) {
			startup = new BufferingApplicationStartup(100_000);
			application.setApplicationStartup(startup);
		}
		ConfigurableApplicationContext context = application.run(args);
		if (startup != null) {
			printSlowestBeans(startup);
		}
		System.exit(SpringApplication.exit(context));
	}

	/**
	 * With {@code -Dfootprint.steps=true}: the start-up steps of 20 ms or more, and the 40 slowest
	 * bean instantiations (their dependencies included).
	 */
	private static void printSlowestBeans(BufferingApplicationStartup startup) {
		startup.getBufferedTimeline()
			.getEvents()
			.stream()
			.filter((event) -> !event.getStartupStep().getName().equals("spring.beans.instantiate")
					&& event.getDuration().toMillis() >= 20)
			.forEach((event) -> System.out.printf("%6d ms  step %s%n", event.getDuration().toMillis(),
					event.getStartupStep().getName()));
		startup.getBufferedTimeline()
			.getEvents()
			.stream()
			.filter((event) -> event.getStartupStep().getName().equals("spring.beans.instantiate"))
			.sorted(Comparator.comparing(StartupTimeline.TimelineEvent::getDuration).reversed())
			.limit(40)
			.forEach((event) -> {
				String bean = "?";
				for (StartupStep.Tag tag : event.getStartupStep().getTags()) {
					if (tag.getKey().equals("beanName")) {
						bean = tag.getValue();
					}
				}
				System.out.printf("%6d ms  %s%n", event.getDuration().toMillis(), bean);
			});
	}

}
