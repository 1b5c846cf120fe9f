/**
 * Background delivery of LogSnag requests: the bounded queue and its senders.
 */
@NullMarked
package io.saasstack.events.delivery;

import org.jspecify.annotations.NullMarked;
