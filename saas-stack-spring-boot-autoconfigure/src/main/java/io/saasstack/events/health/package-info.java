/**
 * Health of product events: how background delivery to LogSnag is going.
 */
@NullMarked
package io.saasstack.events.health;

import org.jspecify.annotations.NullMarked;
