/**
 * Supabase Auth (GoTrue) integration.
 */
@NullMarked
package io.saasstack.auth.supabase;

import org.jspecify.annotations.NullMarked;
