/**
 * Auto-configuration and properties of the mail area ({@code saas.mail.*}).
 */
@NullMarked
package io.saasstack.mail.autoconfigure;

import org.jspecify.annotations.NullMarked;
