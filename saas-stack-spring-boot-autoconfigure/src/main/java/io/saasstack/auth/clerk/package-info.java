/**
 * Clerk (authentication) integration.
 */
@NullMarked
package io.saasstack.auth.clerk;

import org.jspecify.annotations.NullMarked;
