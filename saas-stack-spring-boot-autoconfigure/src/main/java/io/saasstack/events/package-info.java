/**
 * Product events: the LogSnag client, the background {@link io.saasstack.events.EventTracker}
 * and {@link io.saasstack.events.TrackEvent @TrackEvent}.
 */
@NullMarked
package io.saasstack.events;

import org.jspecify.annotations.NullMarked;
