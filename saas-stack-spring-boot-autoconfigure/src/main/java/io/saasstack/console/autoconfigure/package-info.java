/**
 * Auto-configuration of the local console ({@code saas.console.enabled}).
 */
@NullMarked
package io.saasstack.console.autoconfigure;

import org.jspecify.annotations.NullMarked;
