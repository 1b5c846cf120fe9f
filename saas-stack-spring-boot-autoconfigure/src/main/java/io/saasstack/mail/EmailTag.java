package io.saasstack.mail;

/**
 * A tag of an email, reported back in webhooks: name and value are 1 to 256 ASCII letters,
 * digits, underscores or dashes.
 *
 * @param name tag name
 * @param value tag value
 * @since 0.1.0
 */
public record EmailTag(String name, String value) {

}
