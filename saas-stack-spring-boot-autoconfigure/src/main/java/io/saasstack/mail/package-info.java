/**
 * Transactional mail: {@link io.saasstack.mail.MailClient} and {@link io.saasstack.mail.Email}.
 */
@NullMarked
package io.saasstack.mail;

import org.jspecify.annotations.NullMarked;
