/**
 * Auto-configuration and properties of the auth area ({@code saas.auth.*}).
 */
@NullMarked
package io.saasstack.auth.autoconfigure;

import org.jspecify.annotations.NullMarked;
