package io.saasstack.auth.clerk;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The body of {@code POST /v1/organizations/{id}/invitations} (null fields are not sent).
 * <pre class="code">
 * NewClerkInvitation.of("ada@example.com", "org:member").withRedirectUrl("https://app.example.com/join")
 * </pre>
 *
 * @param emailAddress the address to invite
 * @param role the role the invitee gets, for example {@code org:member}
 * @param inviterUserId an admin of the organization shown as the inviter
 * @param redirectUrl where the invitee lands after accepting
 * @param expiresInDays how long the invitation is valid (Clerk's default: 30 days)
 * @param sendEmail whether Clerk emails the invitation ({@code notify}; Clerk's default: true)
 * @param publicMetadata the invitation's public metadata
 * @param privateMetadata the invitation's private metadata
 * @since 0.1.0
 */
public record NewClerkInvitation(@JsonProperty("email_address") String emailAddress, String role,
		@JsonProperty("inviter_user_id") @Nullable String inviterUserId,
		@JsonProperty("redirect_url") @Nullable String redirectUrl,
		@JsonProperty("expires_in_days") @Nullable Integer expiresInDays, @JsonProperty("notify") @Nullable Boolean sendEmail,
		@JsonProperty("public_metadata") @Nullable Map<String, ?> publicMetadata,
		@JsonProperty("private_metadata") @Nullable Map<String, ?> privateMetadata) {

	public NewClerkInvitation {
		Assert.hasText(emailAddress, "emailAddress must not be empty");
		Assert.hasText(role, "role must not be empty");
		Assert.isTrue(inviterUserId == null || !inviterUserId.isBlank(), "inviterUserId must not be blank");
		Assert.isTrue(redirectUrl == null || !redirectUrl.isBlank(), "redirectUrl must not be blank");
		Assert.isTrue(expiresInDays == null || expiresInDays >= 1, "expiresInDays must be at least 1");
	}

	/** An invitation of this address with this role. */
	public static NewClerkInvitation of(String emailAddress, String role) {
		return new NewClerkInvitation(emailAddress, role, null, null, null, null, null, null);
	}

	public NewClerkInvitation withInviter(String userId) {
		return new NewClerkInvitation(this.emailAddress, this.role, userId, this.redirectUrl, this.expiresInDays,
				this.sendEmail, this.publicMetadata, this.privateMetadata);
	}

	public NewClerkInvitation withRedirectUrl(String redirectUrl) {
		return new NewClerkInvitation(this.emailAddress, this.role, this.inviterUserId, redirectUrl,
				this.expiresInDays, this.sendEmail, this.publicMetadata, this.privateMetadata);
	}

	public NewClerkInvitation withExpiresInDays(int expiresInDays) {
		return new NewClerkInvitation(this.emailAddress, this.role, this.inviterUserId, this.redirectUrl,
				expiresInDays, this.sendEmail, this.publicMetadata, this.privateMetadata);
	}

	public NewClerkInvitation withSendEmail(boolean sendEmail) {
		return new NewClerkInvitation(this.emailAddress, this.role, this.inviterUserId, this.redirectUrl,
				this.expiresInDays, sendEmail, this.publicMetadata, this.privateMetadata);
	}

	public NewClerkInvitation withMetadata(Map<String, ?> publicMetadata, Map<String, ?> privateMetadata) {
		return new NewClerkInvitation(this.emailAddress, this.role, this.inviterUserId, this.redirectUrl,
				this.expiresInDays, this.sendEmail, publicMetadata, privateMetadata);
	}

}
