package io.saasstack.events.delivery;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Micrometer is optional: the tracker must load and deliver without it. The saas-stack classes
 * are loaded again by a class loader that cannot see {@code io.micrometer.core}.
 */
class QueuedEventTrackerWithoutMicrometerTests {

	@Test
	void deliversWithoutMicrometer() throws Throwable {
		try (WithoutMicrometer loader = new WithoutMicrometer()) {
			assertThatExceptionOfType(ClassNotFoundException.class)
				.isThrownBy(() -> loader.loadClass("io.micrometer.core.instrument.MeterRegistry"));
			Class<?> clientType = loader.loadClass("io.saasstack.events.ReactiveLogSnagClient");
			Class<?> requestType = loader.loadClass("io.saasstack.events.LogSnagRequest");
			Class<?> requestsType = loader.loadClass("io.saasstack.events.logsnag.LogSnagRequests");
			Class<?> settingsType = loader.loadClass(DeliverySettings.class.getName());
			Class<?> trackerType = loader.loadClass(QueuedEventTracker.class.getName());
			Object client = Proxy.newProxyInstance(loader, new Class<?>[] { clientType },
					(proxy, method, args) -> method.getName().equals("send") ? Mono.empty() : null);
			Object requests = requestsType.getConstructor(String.class, boolean.class).newInstance("tests", false);
			Object settings = settingsType.getField("DEFAULT").get(null);
			// a MethodHandle resolves this constructor only: reflecting on all of them needs MeterRegistry
			Object tracker = MethodHandles.publicLookup()
				.findConstructor(trackerType, MethodType.methodType(void.class, clientType, requestsType, settingsType))
				.invoke(client, requests, settings);
			Object event = loader.loadClass("io.saasstack.events.Insight")
				.getConstructor(String.class, Object.class, String.class)
				.newInstance("Users", 1, null);
			trackerType.getMethod("start").invoke(tracker);
			assertThat(trackerType.getMethod("track", requestType).invoke(tracker, event)).isEqualTo(true);
			assertThat(trackerType.getMethod("flush", Duration.class).invoke(tracker, Duration.ofSeconds(5)))
				.isEqualTo(true);
			Object stats = trackerType.getMethod("stats").invoke(tracker);
			assertThat(stats.getClass().getMethod("sent").invoke(stats)).isEqualTo(1L);
			trackerType.getMethod("stop").invoke(tracker);
		}
	}

	/**
	 * Loads saas-stack's main classes itself and hides Micrometer's core.
	 */
	private static final class WithoutMicrometer extends URLClassLoader {

		WithoutMicrometer() {
			super(new URL[] { QueuedEventTracker.class.getProtectionDomain().getCodeSource().getLocation() },
					QueuedEventTrackerWithoutMicrometerTests.class.getClassLoader());
		}

		@Override
		protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
			if (name.startsWith("io.micrometer.core.")) {
				throw new ClassNotFoundException(name);
			}
			if (!name.startsWith("io.saasstack.")) {
				return super.loadClass(name, resolve);
			}
			synchronized (getClassLoadingLock(name)) {
				Class<?> loaded = findLoadedClass(name);
				return (loaded != null) ? loaded : findClass(name);
			}
		}

	}

}
