package io.saasstack.events.aop;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.saasstack.events.TrackEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TrackedMethod#declaredIn(Class)}, the quick test before the method search.
 */
class TrackedMethodDeclaredInTests {

	@Test
	void classWithoutAnnotationsIsSkipped() {
		assertThat(TrackedMethod.declaredIn(Plain.class)).isFalse();
		assertThat(TrackedMethod.declaredIn(String.class)).isFalse();
	}

	@Test
	void findsDirectRepeatedAndMetaAnnotations() {
		assertThat(TrackedMethod.declaredIn(Direct.class)).isTrue();
		assertThat(TrackedMethod.declaredIn(Repeated.class)).isTrue();
		assertThat(TrackedMethod.declaredIn(Meta.class)).isTrue();
	}

	@Test
	void findsAnnotationsOfSuperclassesAndInterfaces() {
		assertThat(TrackedMethod.declaredIn(SubclassOfDirect.class)).isTrue();
		assertThat(TrackedMethod.declaredIn(Implementation.class)).isTrue();
		assertThat(TrackedMethod.declaredIn(SubclassOfImplementation.class)).isTrue();
	}

	static class Plain {

		void signUp() {
		}

	}

	static class Direct {

		@TrackEvent(event = "Signed Up")
		public void signUp() {
		}

	}

	static class Repeated {

		@TrackEvent(event = "Signed Up")
		@TrackEvent(event = "Trial Started")
		public void signUp() {
		}

	}

	@Retention(RetentionPolicy.RUNTIME)
	@Target(ElementType.METHOD)
	@TrackEvent(event = "Signed Up")
	@interface SignUpEvent {

	}

	static class Meta {

		@SignUpEvent
		public void signUp() {
		}

	}

	static class SubclassOfDirect extends Direct {

		@Override
		public void signUp() {
		}

	}

	interface Tracked {

		@TrackEvent(event = "Signed Up")
		void signUp();

	}

	static class Implementation implements Tracked {

		@Override
		public void signUp() {
		}

	}

	static class SubclassOfImplementation extends Implementation {

	}

}
