/**
 * Support of {@link io.saasstack.events.TrackEvent @TrackEvent}: the Spring AOP advisor that
 * publishes the events and the startup check of the annotations.
 */
@NullMarked
package io.saasstack.events.aop;

import org.jspecify.annotations.NullMarked;
