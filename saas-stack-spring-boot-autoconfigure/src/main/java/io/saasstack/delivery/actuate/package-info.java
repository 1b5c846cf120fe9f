/**
 * The {@code saasdelivery} actuator endpoint.
 */
@NullMarked
package io.saasstack.delivery.actuate;

import org.jspecify.annotations.NullMarked;
