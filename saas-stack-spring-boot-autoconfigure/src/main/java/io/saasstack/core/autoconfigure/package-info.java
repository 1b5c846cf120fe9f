/**
 * Auto-configuration of the shared core: the client factory, the {@code saas} health
 * contributor, secret sanitizing and the startup failure analyzers.
 */
@NullMarked
package io.saasstack.core.autoconfigure;

import org.jspecify.annotations.NullMarked;
