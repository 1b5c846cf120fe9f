/**
 * Auto-configuration of the delivery layer: the store ({@code saas.delivery.store}), its health,
 * meters and the {@code saasdelivery} endpoint.
 */
@NullMarked
package io.saasstack.delivery.autoconfigure;

import org.jspecify.annotations.NullMarked;
