package io.saasstack.sample.members;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.saasstack.events.TrackEvent;

/**
 * The "User Signed Up" LogSnag event, for a method returning the new member (or null when the
 * user had already signed up).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@TrackEvent(channel = "users", event = "User Signed Up", icon = "👋", userId = "#result.id()",
		condition = "#result != null")
@interface UserSignedUp {

}
