/**
 * Mail bodies and subjects rendered from Thymeleaf templates.
 */
@NullMarked
package io.saasstack.mail.template;

import org.jspecify.annotations.NullMarked;
