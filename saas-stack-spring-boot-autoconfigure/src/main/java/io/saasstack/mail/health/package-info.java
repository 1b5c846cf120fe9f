/**
 * Health of the mail provider.
 */
@NullMarked
package io.saasstack.mail.health;

import org.jspecify.annotations.NullMarked;
