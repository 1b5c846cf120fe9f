/**
 * Cloudinary (media) integration.
 */
@NullMarked
package io.saasstack.media.cloudinary;

import org.jspecify.annotations.NullMarked;
