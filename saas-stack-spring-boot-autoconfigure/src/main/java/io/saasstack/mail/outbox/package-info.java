/**
 * The mail outbox: mails enqueued on the delivery layer and sent by its task.
 */
@NullMarked
package io.saasstack.mail.outbox;

import org.jspecify.annotations.NullMarked;
