/**
 * Auto-configuration and properties of the media area ({@code saas.media.*}).
 */
@NullMarked
package io.saasstack.media.autoconfigure;

import org.jspecify.annotations.NullMarked;
