/**
 * Health checks of the providers, cached and bounded in time, reported under {@code saas}.
 */
@NullMarked
package io.saasstack.core.health;

import org.jspecify.annotations.NullMarked;
