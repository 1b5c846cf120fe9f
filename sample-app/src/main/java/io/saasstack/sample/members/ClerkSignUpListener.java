package io.saasstack.sample.members;

import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.saasstack.webhooks.ClerkUserEvent;
import org.jspecify.annotations.Nullable;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Clerk tells us about new users with a signed {@code user.created} webhook on {@code /webhooks/clerk}.
 */
@Component
class ClerkSignUpListener {

	private final SignUps signUps;

	ClerkSignUpListener(SignUps signUps) {
		this.signUps = signUps;
	}

	@EventListener(condition = "#event.created")
	void onUserCreated(ClerkUserEvent event) {
		this.signUps.signUp(event.userId(), event.primaryEmail(), name(event));
	}

	private static @Nullable String name(ClerkUserEvent event) {
		String name = Stream.of(event.data().get("first_name"), event.data().get("last_name"))
			.filter(String.class::isInstance)
			.map(String.class::cast)
			.collect(Collectors.joining(" "));
		return name.isBlank() ? null : name;
	}

}
