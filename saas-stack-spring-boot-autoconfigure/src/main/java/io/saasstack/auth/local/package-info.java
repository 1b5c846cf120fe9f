/**
 * Development and test tokens: an in-memory key pair that mints tokens of the Clerk or Supabase
 * shape, accepted by the verifiers of this library when they trust its key.
 */
@NullMarked
package io.saasstack.auth.local;

import org.jspecify.annotations.NullMarked;
