/**
 * Spring's mail abstraction ({@link org.springframework.mail.MailSender}) over the saas-stack mail client.
 */
@NullMarked
package io.saasstack.mail.spring;

import org.jspecify.annotations.NullMarked;
