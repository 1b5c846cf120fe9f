/**
 * Resend (transactional mail) integration.
 */
@NullMarked
package io.saasstack.mail.resend;

import org.jspecify.annotations.NullMarked;
