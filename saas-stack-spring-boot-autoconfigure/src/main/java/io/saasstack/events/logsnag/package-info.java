/**
 * LogSnag (product events) integration.
 */
@NullMarked
package io.saasstack.events.logsnag;

import org.jspecify.annotations.NullMarked;
