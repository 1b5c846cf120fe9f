/**
 * Local stand-in of the mail client: captures mails in memory instead of sending them.
 */
@NullMarked
package io.saasstack.mail.local;

import org.jspecify.annotations.NullMarked;
