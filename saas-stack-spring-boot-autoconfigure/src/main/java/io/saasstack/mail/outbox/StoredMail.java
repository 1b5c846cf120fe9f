package io.saasstack.mail.outbox;

import java.util.List;

import io.saasstack.mail.BatchOptions;
import io.saasstack.mail.Email;
import org.jspecify.annotations.Nullable;

/**
 * The stored form of an enqueued mail: one email or a batch, with the idempotency key every
 * attempt carries.
 *
 * @param key the idempotency key
 * @param email the email, or null for a batch
 * @param batch the batch, or null for one email
 * @param validation the batch's validation, or null for one email
 */
record StoredMail(String key, @Nullable Email email, @Nullable List<Email> batch,
		BatchOptions.@Nullable Validation validation) {

}
