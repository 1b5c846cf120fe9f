package io.saasstack.benchmarks.startup;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.net.URLClassLoader;
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
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Start-up time and heap of {@link FootprintApplication} with the starter, against the same
 * application without the starter, in the same run: {@code N} rounds in which each variant is
 * launched once in a fresh JVM with the same flags, the order rotated every round. Every provider
 * points at 127.0.0.1:9, where nothing listens: the start must not need the network.
 * <p>
 * The variants: without the starter; with it and every area configured; with it and mail alone;
 * with it, every area and Reactor Netty on the classpath (an application that has WebFlux's
 * server or client), so that both WebClient connectors are measured; and, with
 * {@code -Dfootprint.before=<directory of an earlier build's target>}, the starter of that build
 * with every area (before and after a change in one run).
 * <p>
 * The starter's classpath is the benchmarks' own without the JMH baselines and Reactor Netty
 * ({@code target/footprint-classpath.txt}); the baseline's is the same without the starter and
 * what only the starter brings ({@code target/baseline-classpath.txt}, see the pom). Both carry
 * Spring Security's JOSE and resource-server jars, which the auth area needs and an application
 * using it has anyway. The check fails, before any launch, when the baseline could load a class
 * of the starter or of a library only the starter brings: the ratios would flatter the starter.
 * <p>
 * Run: {@code java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
 * io.saasstack.benchmarks.startup.StartupFootprintCheck [rounds, default 10]}; with
 * {@code steps} instead of a number, one launch of each variant prints its start-up steps and
 * slowest bean creations. More variants: {@code -Dfootprint.areas-off=true} (mail alone with the
 * other areas switched off, and with their auto-configurations never loaded),
 * {@code -Dfootprint.libraries=true} (the starter's libraries without saas-stack, and Reactor
 * alone), {@code -Dfootprint.before=<an earlier build's benchmarks/target>} (that build's starter).
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
			"--saas.auth.clerk.authorized-parties=https://app.example.test",
			"--saas.auth.clerk.webhook-secret=whsec_MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");

	/** Mail alone: the smallest useful configuration of one area. */
	static final List<String> MAIL_PROPERTIES = List.of("--saas.mail.resend.api-key=re_placeholder",
			"--saas.mail.default-from=Acme <hello@acme.test>", "--saas.mail.resend.base-url=" + UNREACHABLE);

	/** Mail alone with the other areas switched off, as the README shows ({@code saas.<area>.enabled=false}). */
	static final List<String> MAIL_ONLY_OTHERS_OFF = Stream
		.concat(MAIL_PROPERTIES.stream(),
				Stream.of("--saas.auth.enabled=false", "--saas.media.enabled=false", "--saas.events.enabled=false"))
		.toList();

	/**
	 * Mail alone with the other areas' auto-configurations never loaded, what an import filter on
	 * {@code saas.<area>.enabled} would give.
	 */
	static final List<String> MAIL_ONLY_OTHERS_EXCLUDED = Stream.concat(MAIL_PROPERTIES.stream(), Stream.of(
			"--spring.autoconfigure.exclude=io.saasstack.auth.autoconfigure.AuthAutoConfiguration,"
					+ "io.saasstack.auth.autoconfigure.AuthHealthContributorAutoConfiguration,"
					+ "io.saasstack.auth.autoconfigure.AuthServletSecurityAutoConfiguration,"
					+ "io.saasstack.auth.autoconfigure.AuthReactiveSecurityAutoConfiguration,"
					+ "io.saasstack.events.autoconfigure.EventsAutoConfiguration,"
					+ "io.saasstack.events.autoconfigure.EventsHealthContributorAutoConfiguration,"
					+ "io.saasstack.media.autoconfigure.MediaAutoConfiguration,"
					+ "io.saasstack.media.autoconfigure.MediaHealthContributorAutoConfiguration,"
					+ "io.saasstack.console.autoconfigure.ConsoleAutoConfiguration"))
		.toList();

	private static final Pattern READY = Pattern
		.compile(FootprintApplication.READY
				+ " uptimeMs=(\\d+) heapBytes=(\\d+) beans=(\\d+) cpuMs=(\\d+) classes=(\\d+) mainCpuMs=(\\d+) connector=(\\w+)");

	/**
	 * Jars that only the starter brings (the groups and artifacts the pom leaves out of
	 * {@code baseline-classpath.txt}): none of them may be on the baseline's classpath, or the
	 * baseline measures part of the starter.
	 */
	static final List<String> STARTER_ONLY = List.of("saas-stack-", "reactor-core-", "reactor-netty-", "netty-",
			"reactive-streams-", "resilience4j-", "HdrHistogram-", "LatencyUtils-", "micrometer-core-",
			"spring-boot-starter-webclient-", "spring-boot-reactor-", "spring-boot-webclient-",
			"spring-boot-http-client-", "spring-boot-http-codec-", "spring-webflux-", "httpclient5-", "httpcore5-");

	/**
	 * Classes of the starter and of what only it brings, by name: the baseline must not be able to
	 * load any of them, whatever jar they come in.
	 */
	private static final List<String> STARTER_ONLY_CLASSES = List.of("io.saasstack.core.SaasHttpClient",
			"org.springframework.web.reactive.function.client.WebClient",
			"org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration", "reactor.core.publisher.Mono",
			"reactor.netty.http.client.HttpClient", "io.micrometer.core.instrument.MeterRegistry",
			"io.github.resilience4j.ratelimiter.RateLimiter", "org.apache.hc.client5.http.impl.async.HttpAsyncClients");

	private StartupFootprintCheck() {
	}

	public static void main(String[] args) throws Exception {
		boolean steps = args.length > 0 && args[0].equals("steps");
		int rounds = (args.length > 0 && !steps) ? Integer.parseInt(args[0]) : 10;
		Path target = Path.of("benchmarks/target");
		String classes = "benchmarks/target/classes" + File.pathSeparator;
		String starter = classes + read(target.resolve("footprint-classpath.txt"));
		String baseline = classes + read(target.resolve("baseline-classpath.txt"));
		try {
			checkClasspaths(starter, baseline);
		}
		catch (IllegalStateException ex) {
			System.err.println("FAILED: " + ex.getMessage());
			System.exit(1);
		}
		Variant without = new Variant("without the starter", baseline, List.of());
		Variant with = new Variant("starter, every area", starter, STARTER_PROPERTIES);
		List<Variant> variants = new ArrayList<>(List.of(without, with,
				new Variant("starter, mail only", starter, MAIL_PROPERTIES)));
		if (Boolean.getBoolean("footprint.libraries")) {
			// what the starter's libraries cost without any saas-stack code, and Reactor's part of it
			String libraries = Arrays.stream(starter.split(File.pathSeparator))
				.filter((entry) -> !Path.of(entry).getFileName().toString().startsWith("saas-stack-"))
				.collect(Collectors.joining(File.pathSeparator));
			String reactor = Arrays.stream(starter.split(File.pathSeparator))
				.filter((entry) -> Path.of(entry).getFileName().toString().matches("(reactor-core|reactive-streams)-.*"))
				.collect(Collectors.joining(File.pathSeparator));
			variants.add(new Variant("starter's libraries only", libraries, List.of()));
			variants.add(new Variant("baseline + Reactor", baseline + File.pathSeparator + reactor, List.of()));
		}
		if (Boolean.getBoolean("footprint.areas-off")) {
			variants.add(new Variant("mail, other areas off", starter, MAIL_ONLY_OTHERS_OFF));
			variants.add(new Variant("mail, others not loaded", starter, MAIL_ONLY_OTHERS_EXCLUDED));
		}
		Path reactorNetty = target.resolve("reactor-netty-classpath.txt");
		if (Files.exists(reactorNetty)) {
			variants.add(new Variant("starter + Reactor Netty", starter + File.pathSeparator + read(reactorNetty),
					STARTER_PROPERTIES));
		}
		String before = System.getProperty("footprint.before");
		if (before != null) {
			variants.add(new Variant("starter before, every area",
					baseline + File.pathSeparator + starterOnly(Path.of(before)), STARTER_PROPERTIES));
		}
		if (steps) {
			for (Variant variant : variants) {
				System.out.println("== " + variant.name);
				variant.launch(List.of("-Dfootprint.steps=true"), true);
			}
			return;
		}
		// one discarded launch each: the first launch pays for a cold page cache
		for (Variant variant : variants) {
			variant.launch();
		}
		for (int i = 0; i < rounds; i++) {
			for (int j = 0; j < variants.size(); j++) {
				Variant variant = variants.get((i + j) % variants.size());
				variant.record(variant.launch());
			}
		}
		System.out.printf("%d rounds, each variant once per round in rotated order, flags %s%n", rounds, JVM_FLAGS);
		for (Variant variant : variants) {
			System.out.printf("%-27s ready after %,5d ms (median; min %,d, max %,d), CPU %,5d ms (process), %,5d ms "
					+ "(main thread), heap after GC %,6d KB, %,d classes, %d bean definitions, connector %s%n",
					variant.name, variant.medianUptime(), variant.min(), variant.max(), variant.medianCpu(),
					variant.medianMainCpu(), variant.medianHeap() / 1024, variant.classes, variant.beans,
					variant.connector);
		}
		for (Variant variant : variants.subList(1, variants.size())) {
			System.out.printf("ratios %-27s / without: start-up %.3f (median), %.3f (min), CPU %.3f (process), %.3f "
					+ "(main thread), heap %.3f (%+,d KB), classes %.3f (%+,d)%n", variant.name,
					ratio(variant.medianUptime(), without.medianUptime()), ratio(variant.min(), without.min()),
					ratio(variant.medianCpu(), without.medianCpu()),
					ratio(variant.medianMainCpu(), without.medianMainCpu()),
					ratio(variant.medianHeap(), without.medianHeap()),
					(variant.medianHeap() - without.medianHeap()) / 1024, ratio(variant.classes, without.classes),
					variant.classes - without.classes);
		}
	}

	/**
	 * The jars an earlier build's starter added to its baseline: added to this build's baseline,
	 * they give the same application with the earlier starter.
	 */
	private static String starterOnly(Path target) throws IOException {
		Set<String> baselineJars = jars(read(target.resolve("baseline-classpath.txt")));
		List<String> added = new ArrayList<>();
		for (String entry : read(target.resolve("footprint-classpath.txt")).split(File.pathSeparator)) {
			if (!baselineJars.contains(Path.of(entry).getFileName().toString())) {
				added.add(entry);
			}
		}
		return String.join(File.pathSeparator, added);
	}

	private static String read(Path classpathFile) throws IOException {
		return Files.readString(classpathFile).strip();
	}

	private static double ratio(long with, long without) {
		return (double) with / without;
	}

	/**
	 * Fails unless the baseline is the starter's classpath without what only the starter brings:
	 * every baseline jar is on the starter's classpath, none is a starter-only jar, and the
	 * starter's classpath has the starter.
	 */
	static void checkClasspaths(String starter, String baseline) throws IOException {
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
		List<URL> urls = new ArrayList<>();
		for (String entry : baseline.split(File.pathSeparator)) {
			urls.add(Path.of(entry).toUri().toURL());
		}
		try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new),
				ClassLoader.getPlatformClassLoader())) {
			for (String className : STARTER_ONLY_CLASSES) {
				URL found = loader.getResource(className.replace('.', '/') + ".class");
				if (found != null) {
					problems.add("the baseline can load " + className + ", which only the starter brings, from " + found);
				}
			}
		}
		if (!problems.isEmpty()) {
			throw new IllegalStateException("The footprint classpaths are wrong, the ratios would mean nothing: "
					+ String.join("; ", problems));
		}
		long bytes = 0;
		List<String> added = new ArrayList<>();
		for (String entry : starter.split(File.pathSeparator)) {
			String name = jars(entry).iterator().next();
			if (!baselineJars.contains(name)) {
				added.add(name);
				bytes += Files.isRegularFile(Path.of(entry)) ? Files.size(Path.of(entry)) : 0;
			}
		}
		System.out.printf("classpath: %d jars without the starter, %d with it; the starter adds %d jars, %,d KB: %s%n",
				baselineJars.size(), starterJars.size(), added.size(), bytes / 1024, added);
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

		private String connector = "?";

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
					"--server.port=0", "--spring.main.banner-mode=off",
					// Spring Security's default user, which the baseline has, without its generated-password warning
					"--spring.security.user.password=footprint"));
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
						this.connector = matcher.group(7);
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
