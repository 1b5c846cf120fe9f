/**
 * Inbound webhooks: verification of each provider's signature scheme on the raw request bytes,
 * replay protection, and Spring application events.
 */
@NullMarked
package io.saasstack.webhooks;

import org.jspecify.annotations.NullMarked;
