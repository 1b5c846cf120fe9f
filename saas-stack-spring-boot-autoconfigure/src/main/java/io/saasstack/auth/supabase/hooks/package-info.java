/**
 * Supabase Auth HTTP hooks that answer: custom access token, MFA and password verification
 * attempts, and the send-email hook routed through the mail client.
 */
@NullMarked
package io.saasstack.auth.supabase.hooks;

import org.jspecify.annotations.NullMarked;
