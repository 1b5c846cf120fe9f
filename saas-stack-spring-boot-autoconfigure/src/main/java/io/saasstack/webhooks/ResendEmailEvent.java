package io.saasstack.webhooks;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A Resend {@code email.*} webhook ({@code email.sent}, {@code delivered}, {@code bounced},
 * {@code complained}, {@code failed}, ...).
 *
 * @param type the event type
 * @param emailId {@code data.email_id}
 * @param to {@code data.to}
 * @param subject {@code data.subject}
 * @param tags {@code data.tags}, name to value
 * @param bounce {@code data.bounce} of {@code email.bounced}
 * @param complained whether the recipient marked the email as spam ({@code email.complained})
 * @param failedReason {@code data.failed.reason} of {@code email.failed}, e.g. {@code reached_daily_quota}
 * @param data the {@code data} object
 * @since 0.1.0
 */
public record ResendEmailEvent(String type, String emailId, List<String> to, @Nullable String subject,
		Map<String, String> tags, @Nullable Bounce bounce, boolean complained, @Nullable String failedReason,
		Map<String, Object> data) {

	/**
	 * The bounce details of {@code email.bounced}.
	 *
	 * @param type e.g. {@code Permanent} or {@code Transient}
	 * @param subType e.g. {@code General}, {@code Suppressed}
	 * @param message the explanation
	 */
	public record Bounce(@Nullable String type, @Nullable String subType, @Nullable String message) {

		/** Whether the address should not be sent to again. */
		public boolean isPermanent() {
			return "Permanent".equalsIgnoreCase(this.type);
		}

	}

}
