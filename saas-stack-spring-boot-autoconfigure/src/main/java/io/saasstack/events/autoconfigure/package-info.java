/**
 * Auto-configuration and properties of the events area ({@code saas.events.*}).
 */
@NullMarked
package io.saasstack.events.autoconfigure;

import org.jspecify.annotations.NullMarked;
