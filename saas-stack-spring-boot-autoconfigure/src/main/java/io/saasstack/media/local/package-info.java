/**
 * Local stand-in of media storage: keeps uploads in memory instead of storing them.
 */
@NullMarked
package io.saasstack.media.local;

import org.jspecify.annotations.NullMarked;
