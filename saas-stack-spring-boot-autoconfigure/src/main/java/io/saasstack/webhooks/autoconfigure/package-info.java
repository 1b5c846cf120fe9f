/**
 * Auto-configuration and properties of inbound webhooks ({@code saas.webhooks.*}).
 */
@NullMarked
package io.saasstack.webhooks.autoconfigure;

import org.jspecify.annotations.NullMarked;
