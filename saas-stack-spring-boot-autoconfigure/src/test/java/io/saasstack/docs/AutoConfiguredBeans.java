package io.saasstack.docs;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The {@code @Bean} methods of our auto-configurations, with the configuration classes they import
 * and nest.
 */
final class AutoConfiguredBeans {

	private AutoConfiguredBeans() {
	}

	static List<Method> beanMethods() {
		List<Method> methods = new ArrayList<>();
		for (Class<?> configuration : configurationClasses()) {
			Arrays.stream(configuration.getDeclaredMethods())
				.filter((method) -> method.isAnnotationPresent(Bean.class))
				.sorted((a, b) -> a.getName().compareTo(b.getName()))
				.forEach(methods::add);
		}
		return methods;
	}

	static Set<Class<?>> configurationClasses() {
		Set<Class<?>> classes = new LinkedHashSet<>();
		for (String name : autoConfigurationNames()) {
			try {
				collect(Class.forName(name), classes);
			}
			catch (ClassNotFoundException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return classes;
	}

	private static void collect(Class<?> configuration, Set<Class<?>> classes) {
		if (!classes.add(configuration)) {
			return;
		}
		Import imports = configuration.getAnnotation(Import.class);
		if (imports != null) {
			for (Class<?> imported : imports.value()) {
				collect(imported, classes);
			}
		}
		for (Class<?> nested : configuration.getDeclaredClasses()) {
			if (nested.isAnnotationPresent(Configuration.class)) {
				collect(nested, classes);
			}
		}
	}

	private static List<String> autoConfigurationNames() {
		String resource = "/META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports";
		try (InputStream in = AutoConfiguredBeans.class.getResourceAsStream(resource)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
				.map(String::strip)
				.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
				.toList();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
