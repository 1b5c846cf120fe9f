/**
 * Authentication: the {@link io.saasstack.auth.SaasUser} principal of requests carrying a valid
 * Clerk or Supabase token, and the {@link io.saasstack.auth.UserDirectory} admin API.
 */
@NullMarked
package io.saasstack.auth;

import org.jspecify.annotations.NullMarked;
