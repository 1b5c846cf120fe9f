/**
 * Health of the delivery store.
 */
@NullMarked
package io.saasstack.delivery.health;

import org.jspecify.annotations.NullMarked;
