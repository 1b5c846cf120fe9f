/**
 * ImageKit (media) integration.
 */
@NullMarked
package io.saasstack.media.imagekit;

import org.jspecify.annotations.NullMarked;
