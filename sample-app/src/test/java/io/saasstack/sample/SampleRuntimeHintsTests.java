package io.saasstack.sample;

import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.annotation.ReflectiveRuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hints a native image needs to write and read the sample's own JSON bodies, which Spring
 * registers from the controllers' mappings (saas-stack's own JSON types have theirs in its
 * {@code aot.factories}, tested in the library).
 */
class SampleRuntimeHintsTests {

	private final ClassLoader classLoader = getClass().getClassLoader();

	@Test
	void requestAndResponseBodiesCanBeBound() throws Exception {
		RuntimeHints hints = new RuntimeHints();
		new ReflectiveRuntimeHintsRegistrar().registerRuntimeHints(hints, type("photos.PhotoController"),
				type("billing.BillingController"), type("members.ProfileController"), type("dev.DevController"),
				StatusController.class);
		assertBindable(hints, type("photos.PhotoController$PhotoView"), "title");
		assertBindable(hints, type("billing.BillingController$Upgrade"), "plan");
		assertBindable(hints, type("members.Member"), "plan");
	}

	private static void assertBindable(RuntimeHints hints, Class<?> type, String accessor) {
		assertThat(RuntimeHintsPredicates.reflection().onType(type)).as(type.getName()).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(type, accessor))
			.as(type.getName() + "." + accessor + "()")
			.accepts(hints);
	}

	private Class<?> type(String name) throws ClassNotFoundException {
		return ClassUtils.forName("io.saasstack.sample." + name, this.classLoader);
	}

}
