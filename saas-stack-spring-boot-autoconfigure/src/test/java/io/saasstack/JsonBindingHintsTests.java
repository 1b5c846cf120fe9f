package io.saasstack;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that every type Jackson binds by reflection has native-image hints from the
 * registrars of {@code META-INF/spring/aot.factories}, and that they register nothing else.
 */
class JsonBindingHintsTests {

	private static final Map<String, String> DIRECT = JsonBoundTypes.direct();

	@Test
	void theScanFindsTheBodiesOfEveryProvider() {
		assertThat(DIRECT).containsKeys("io.saasstack.events.logsnag.LogSnagHttpClient$LogBody",
				"io.saasstack.mail.resend.ResendWire$SendEmailBody", "io.saasstack.mail.resend.ResendWire$ListBody",
				"io.saasstack.mail.resend.ResendWire$RescheduleBody",
				"io.saasstack.media.cloudinary.CloudinaryStorage$UploadBody",
				"io.saasstack.media.imagekit.ImageKitStorage$UploadResponse",
				"io.saasstack.auth.supabase.SupabaseJwksHealthCheck$About");
		assertThat(JsonBoundTypes.withContents(DIRECT.keySet())).contains(
				JsonBoundTypes.load("io.saasstack.mail.resend.ResendWire$AttachmentBody"),
				JsonBoundTypes.load("io.saasstack.mail.EmailTag"));
	}

	@Test
	void everyTypeJacksonBindsHasHints() {
		RuntimeHints hints = registered(registrars());
		List<String> missing = new ArrayList<>();
		for (Class<?> type : JsonBoundTypes.withContents(DIRECT.keySet())) {
			if (!hasBindingHints(hints, type)) {
				missing.add(type.getName() + ((DIRECT.containsKey(type.getName()))
						? " (bound in " + DIRECT.get(type.getName()) + ")" : " (held by a bound type)"));
			}
		}
		assertThat(missing).as("types Jackson binds without a hint in an io.saasstack RuntimeHintsRegistrar").isEmpty();
	}

	@Test
	void everyRegistrarIsNeededAndRegistersOnlyBoundTypes() {
		Set<String> bound = JsonBoundTypes.withContents(DIRECT.keySet())
			.stream()
			.map(Class::getName)
			.collect(Collectors.toSet());
		List<RuntimeHintsRegistrar> registrars = registrars();
		assertThat(registrars).extracting((registrar) -> registrar.getClass().getSimpleName())
			.containsExactlyInAnyOrder("AuthRuntimeHints", "EventsRuntimeHints", "MailRuntimeHints",
					"MediaRuntimeHints");
		for (RuntimeHintsRegistrar registrar : registrars) {
			Set<String> ours = ourTypes(registered(List.of(registrar)));
			assertThat(ours).as(registrar.getClass().getSimpleName()).isNotEmpty();
			assertThat(bound).as(registrar.getClass().getSimpleName() + " registers a type nothing binds")
				.containsAll(ours);
		}
	}

	private static boolean hasBindingHints(RuntimeHints hints, Class<?> type) {
		if (!RuntimeHintsPredicates.reflection().onType(type).test(hints)) {
			return false;
		}
		if (!type.isRecord()) {
			return true;
		}
		Class<?>[] parameters = Arrays.stream(type.getRecordComponents())
			.map(RecordComponent::getType)
			.toArray(Class<?>[]::new);
		try {
			Constructor<?> canonical = type.getDeclaredConstructor(parameters);
			if (!RuntimeHintsPredicates.reflection().onConstructorInvocation(canonical).test(hints)) {
				return false;
			}
		}
		catch (NoSuchMethodException ex) {
			throw new IllegalStateException(ex);
		}
		return Arrays.stream(type.getRecordComponents())
			.allMatch((component) -> RuntimeHintsPredicates.reflection()
				.onMethodInvocation(component.getAccessor())
				.test(hints));
	}

	private static Set<String> ourTypes(RuntimeHints hints) {
		return hints.reflection()
			.typeHints()
			.map((hint) -> hint.getType())
			.map(TypeReference::getName)
			.filter((name) -> name.startsWith("io.saasstack."))
			.collect(Collectors.toCollection(TreeSet::new));
	}

	private static List<RuntimeHintsRegistrar> registrars() {
		return SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
			.load(RuntimeHintsRegistrar.class)
			.stream()
			.filter((registrar) -> registrar.getClass().getName().startsWith("io.saasstack."))
			.toList();
	}

	private static RuntimeHints registered(List<RuntimeHintsRegistrar> registrars) {
		RuntimeHints hints = new RuntimeHints();
		registrars.forEach((registrar) -> registrar.registerHints(hints, JsonBindingHintsTests.class.getClassLoader()));
		return hints;
	}

}
