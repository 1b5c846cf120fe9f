package io.saasstack.benchmarks.startup;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Start-up time and heap of {@link FootprintApplication} with the starter and all four areas
 * configured, against the same application without the starter, in the same run: {@code N}
 * alternating launches of each in a fresh JVM with the same flags. Every provider points at
 * 127.0.0.1:9, where nothing listens: the start must not need the network.
 * <p>
 * The starter's classpath is the benchmarks' own without the JMH baselines
 * ({@code target/footprint-classpath.txt}); the baseline's is the same without the starter and
 * what only the starter brings ({@code target/baseline-classpath.txt}, see the pom). Both carry Spring Security's JOSE and resource-server jars, which the auth area needs
 * and an application using it has anyway.
 * <p>
 * Run: {@code java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
 * io.saasstack.benchmarks.startup.StartupFootprintCheck [launches per variant, default 10]}; with
 * {@code steps} instead of a number, one launch of each prints its slowest bean creations.
 */
public final class StartupFootprintCheck {

	static final List<String> JVM_FLAGS = List.of("-Xms256m", "-Xmx256m", "-XX:+UseSerialGC");

	private static final String UNREACHABLE = "http://127.0.0.1:9";

	static final List<String> STARTER_PROPERTIES = List.of(
			// events
			"--saas.events.logsnag.token=placeholder-logsnag-token", "--saas.events.logsnag.project=footprint",
			"--saas.events.logsnag.base-url=" + UNREACHABLE,
			// mail
			"--saas.mail.resend.api-key=re_placeholder", "--saas.mail.default-from=Acme <hello@acme.test>",
			"--saas.mail.resend.base-url=" + UNREACHABLE,
			"--saas.mail.resend.webhook-secret=whsec_MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
			// media: both providers
			"--saas.media.provider=cloudinary", "--saas.media.cloudinary.cloud-name=demo",
			"--saas.media.cloudinary.api-key=123456", "--saas.media.cloudinary.api-secret=placeholder-secret",
			"--saas.media.cloudinary.base-url=" + UNREACHABLE, "--saas.media.imagekit.url-endpoint=" + UNREACHABLE,
			"--saas.media.imagekit.public-key=public_placeholder", "--saas.media.imagekit.private-key=private_placeholder",
			"--saas.media.imagekit.base-url=" + UNREACHABLE, "--saas.media.imagekit.upload-base-url=" + UNREACHABLE,
			// auth: Clerk (issuer clerk.example.test)
			"--saas.auth.clerk.publishable-key=pk_test_Y2xlcmsuZXhhbXBsZS50ZXN0JA==",
			"--saas.auth.clerk.secret-key=sk_test_placeholder", "--saas.auth.clerk.base-url=" + UNREACHABLE,
			"--saas.auth.clerk.webhook-secret=whsec_MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");

	private static final Pattern READY = Pattern
		.compile(FootprintApplication.READY
				+ " uptimeMs=(\\d+) heapBytes=(\\d+) beans=(\\d+) cpuMs=(\\d+) classes=(\\d+) mainCpuMs=(\\d+)");

	/**
	 * Jars that only the starter brings (the groups and artifacts the pom leaves out of
	 * {@code baseline-classpath.txt}): none of them may be on the baseline's classpath, or the
	 * baseline measures part of the starter.
	 */
	static final List<String> STARTER_ONLY = List.of("saas-stack-", "reactor-core-", "reactor-netty-", "netty-",
			"reactive-streams-", "resilience4j-", "HdrHistogram-", "LatencyUtils-", "micrometer-core-",
			"spring-boot-starter-webclient-", "spring-boot-reactor-", "spring-boot-webclient-",
			"spring-boot-http-client-", "spring-boot-http-codec-", "spring-webflux-");

	private StartupFootprintCheck() {
	}

	public static void main(String[] args) throws Exception {
		boolean steps = args.length > 0 && args[0].equals("steps");
		int launches = (args.length > 0 && !steps) ? Integer.parseInt(args[0]) : 10;
		Path target = Path.of("benchmarks/target");
		String starter = "benchmarks/target/classes" + File.pathSeparator
				+ Files.readString(target.resolve("footprint-classpath.txt")).strip();
		String baseline = "benchmarks/target/classes" + File.pathSeparator
				+ Files.readString(target.resolve("baseline-classpath.txt")).strip();
		checkClasspaths(starter, baseline);
		Variant with = new Variant("with the starter", starter, STARTER_PROPERTIES);
		Variant without = new Variant("without the starter", baseline, List.of());
		if (steps) {
			with.launch(List.of("-Dfootprint.steps=true"), true);
			without.launch(List.of("-Dfootprint.steps=true"), true);
			return;
		}
		// one discarded launch each: the first launch pays for a cold page cache
		with.launch();
		without.launch();
		for (int i = 0; i < launches; i++) {
			Variant first = (i % 2 == 0) ? with : without;
			Variant second = (first == with) ? without : with;
			first.record(first.launch());
			second.record(second.launch());
		}
		System.out.printf("%d launches of each, alternating, flags %s%n", launches, JVM_FLAGS);
		for (Variant variant : List.of(without, with)) {
			System.out.printf("%-20s ready after %,5d ms (median; min %,d, max %,d), CPU %,5d ms (process), %,5d ms "
					+ "(main thread), heap after GC %,6d KB, %,d classes, %d bean definitions%n", variant.name,
					variant.medianUptime(), variant.min(), variant.max(), variant.medianCpu(), variant.medianMainCpu(),
					variant.medianHeap() / 1024, variant.classes, variant.beans);
		}
		System.out.printf("ratios with/without: start-up %.3f (median), %.3f (min), CPU %.3f (process), %.3f (main "
				+ "thread), heap %.3f (%+,d KB), classes %.3f%n", ratio(with.medianUptime(), without.medianUptime()),
				ratio(with.min(), without.min()), ratio(with.medianCpu(), without.medianCpu()),
				ratio(with.medianMainCpu(), without.medianMainCpu()), ratio(with.medianHeap(), without.medianHeap()),
				(with.medianHeap() - without.medianHeap()) / 1024, ratio(with.classes, without.classes));
	}

	private static double ratio(long with, long without) {
		return (double) with / without;
	}

	/**
	 * Fails unless the baseline is the starter's classpath without what only the starter brings:
	 * every baseline jar is on the starter's classpath, none is a starter-only jar, and the
	 * starter's classpath has the starter.
	 */
	static void checkClasspaths(String starter, String baseline) {
		Set<String> starterJars = jars(starter);
		Set<String> baselineJars = jars(baseline);
		List<String> problems = new ArrayList<>();
		for (String jar : baselineJars) {
			if (!starterJars.contains(jar)) {
				problems.add("the baseline has a jar the starter's classpath has not: " + jar);
			}
			if (starterOnly(jar)) {
				problems.add("the baseline has a jar only the starter brings: " + jar);
			}
		}
		if (starterJars.stream().noneMatch((jar) -> jar.startsWith("saas-stack-spring-boot-autoconfigure"))) {
			problems.add("the starter's classpath has no saas-stack-spring-boot-autoconfigure jar");
		}
		if (!problems.isEmpty()) {
			throw new IllegalStateException("The footprint classpaths are wrong, the ratios would mean nothing: "
					+ String.join("; ", problems));
		}
		System.out.printf("classpath: %d jars without the starter, %d with it%n", baselineJars.size(),
				starterJars.size());
	}

	private static boolean starterOnly(String jar) {
		return STARTER_ONLY.stream().anyMatch(jar::startsWith);
	}

	/** The jar names of a classpath; a module's classes directory as {@code <module>/classes}. */
	private static Set<String> jars(String classpath) {
		Set<String> jars = new LinkedHashSet<>();
		for (String entry : classpath.split(File.pathSeparator)) {
			Path path = Path.of(entry);
			boolean classes = path.endsWith(Path.of("target", "classes")) && path.getNameCount() > 2;
			jars.add(classes ? path.getName(path.getNameCount() - 3) + "/classes" : path.getFileName().toString());
		}
		return jars;
	}

	private static long median(List<Long> values) {
		List<Long> sorted = new ArrayList<>(values);
		sorted.sort(null);
		int middle = sorted.size() / 2;
		return (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
	}

	private static final class Variant {

		private final String name;

		private final String classpath;

		private final List<String> arguments;

		private final List<Long> uptimes = new ArrayList<>();

		private final List<Long> heaps = new ArrayList<>();

		private final List<Long> cpuTimes = new ArrayList<>();

		private final List<Long> mainCpuTimes = new ArrayList<>();

		private int beans;

		private int classes;

		Variant(String name, String classpath, List<String> arguments) {
			this.name = name;
			this.classpath = classpath;
			this.arguments = arguments;
		}

		long[] launch() throws IOException, InterruptedException {
			return launch(List.of(), false);
		}

		long[] launch(List<String> extraFlags, boolean print) throws IOException, InterruptedException {
			List<String> command = new ArrayList<>();
			command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
			command.addAll(JVM_FLAGS);
			command.addAll(extraFlags);
			command.addAll(Arrays.asList("-cp", this.classpath, FootprintApplication.class.getName(),
					"--server.port=0", "--spring.main.banner-mode=off"));
			command.addAll(this.arguments);
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			StringBuilder output = new StringBuilder();
			long[] result = null;
			try (BufferedReader lines = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = lines.readLine()) != null) {
					output.append(line).append('\n');
					Matcher matcher = READY.matcher(line);
					if (matcher.find()) {
						result = new long[6];
						for (int i = 0; i < result.length; i++) {
							result[i] = Long.parseLong(matcher.group(i + 1));
						}
					}
				}
			}
			if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0 || result == null) {
				process.destroyForcibly();
				throw new IllegalStateException(this.name + " did not start:\n" + output);
			}
			if (output.indexOf(" WARN ") >= 0 || output.indexOf(" ERROR ") >= 0) {
				// a start that warns (a provider reached for, a starter class on the baseline) is not the one measured
				throw new IllegalStateException(this.name + " logged a warning or error:\n" + output);
			}
			if (print) {
				System.out.println(this.name + ":\n" + output);
			}
			return result;
		}

		void record(long[] result) {
			this.uptimes.add(result[0]);
			this.heaps.add(result[1]);
			this.beans = (int) result[2];
			this.cpuTimes.add(result[3]);
			this.classes = (int) result[4];
			this.mainCpuTimes.add(result[5]);
		}

		long medianMainCpu() {
			return median(this.mainCpuTimes);
		}

		long medianCpu() {
			return median(this.cpuTimes);
		}

		long medianUptime() {
			return median(this.uptimes);
		}

		long medianHeap() {
			return median(this.heaps);
		}

		long min() {
			return this.uptimes.stream().mapToLong(Long::longValue).min().orElse(0);
		}

		long max() {
			return this.uptimes.stream().mapToLong(Long::longValue).max().orElse(0);
		}

	}

}
