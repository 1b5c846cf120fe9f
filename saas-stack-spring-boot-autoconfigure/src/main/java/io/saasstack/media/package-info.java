/**
 * Media: one {@link io.saasstack.media.Transformation} model rendered byte-exact by each
 * provider's {@link io.saasstack.media.MediaUrls}, and {@link io.saasstack.media.MediaStorage}
 * for uploads and deletes.
 */
@NullMarked
package io.saasstack.media;

import org.jspecify.annotations.NullMarked;
