/**
 * The embedded default: items are delivered from memory, at once, and are lost if the process
 * stops before the provider answered.
 */
@NullMarked
package io.saasstack.delivery.memory;

import org.jspecify.annotations.NullMarked;
