package io.saasstack.auth.supabase.hooks;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.saasstack.mail.Email;
import io.saasstack.mail.MailClient;
import io.saasstack.mail.SendResult;
import io.saasstack.mail.template.MailTemplates;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Sends Supabase Auth's emails (the send-email hook) through the {@link MailClient}, rendered
 * from {@link MailTemplates}: template {@code supabase/<email_action_type>} ({@code signup},
 * {@code invite}, {@code magiclink}, {@code recovery}, {@code email}, {@code reauthentication},
 * {@code email_change} and {@code email_change_new}), {@code supabase/notification} for the
 * {@code *_notification} types. Defaults ship with the starter; an application overrides one by
 * putting its own at the same place ({@code templates/mail/supabase/signup.html} with the
 * default prefix). The model: {@code email} (the recipient), {@code user}
 * ({@link SupabaseEmailRequest.User}), {@code actionType}, {@code token} (the code to type),
 * {@code confirmationUrl} (null for a reauthentication or a notification), {@code siteUrl},
 * {@code redirectTo}, {@code newEmail}, {@code oldEmail}.
 * <p>
 * The link is Supabase's verify endpoint, as its own mailer and its send-email hook documentation
 * build it: {@code <project URL>/auth/v1/verify?token=<token_hash>&type=<email_action_type>&redirect_to=<redirect_to>}.
 * <p>
 * An email change with Secure Email Change sends two messages (Supabase's documentation,
 * "Email change behavior"): to the current address the code {@code token} with the link of
 * {@code token_hash_new}, to the new address the code {@code token_new} with the link of
 * {@code token_hash} (the names are historical). Without it, one message to the new address.
 * <p>
 * Each message is sent with the idempotency key {@code supabase-send-email/<webhook-id>} (plus
 * {@code /new-email} for the second), so a redelivery of the same message is not sent twice;
 * Supabase itself retries with a new {@code webhook-id}.
 *
 * @since 0.1.0
 */
public final class SupabaseSendEmailHook {

	private static final Set<String> LINKLESS = Set.of("reauthentication");

	private final MailClient mailClient;

	private final MailTemplates templates;

	private final URI verifyUrl;

	/**
	 * @param mailClient sends the emails
	 * @param templates renders them
	 * @param projectUrl the Supabase project URL, for example {@code https://<ref>.supabase.co}
	 */
	public SupabaseSendEmailHook(MailClient mailClient, MailTemplates templates, URI projectUrl) {
		Assert.notNull(mailClient, "mailClient must not be null");
		Assert.notNull(templates, "templates must not be null");
		Assert.notNull(projectUrl, "projectUrl must not be null");
		this.mailClient = mailClient;
		this.templates = templates;
		this.verifyUrl = UriComponentsBuilder.fromUri(projectUrl).path("/auth/v1/verify").build().toUri();
	}

	/**
	 * Sends the email(s) Supabase asks for.
	 * @param webhookId the hook's {@code webhook-id}, the idempotency key
	 * @param request the hook's input
	 * @return the results, one per message sent
	 * @throws RuntimeException when rendering or sending fails
	 */
	public List<SendResult> send(String webhookId, SupabaseEmailRequest request) {
		Assert.hasText(webhookId, "webhookId must not be empty");
		Assert.notNull(request, "request must not be null");
		List<SendResult> results = new ArrayList<>();
		String key = "supabase-send-email/" + webhookId;
		SupabaseEmailRequest.User user = request.user();
		if (request.actionType().equals("email_change")) {
			boolean secure = request.tokenHash() != null && request.tokenHashNew() != null;
			if (secure) {
				results.add(send("email_change", required(user.email(), "user.email"), request, request.token(),
						request.tokenHashNew(), key));
				results.add(send("email_change_new", required(user.newEmail(), "user.new_email"), request,
						request.tokenNew(), request.tokenHash(), key + "/new-email"));
			}
			else {
				String to = (user.newEmail() != null) ? user.newEmail() : required(user.email(), "user.email");
				String code = (request.token() != null) ? request.token() : request.tokenNew();
				String hash = (request.tokenHash() != null) ? request.tokenHash() : request.tokenHashNew();
				results.add(send("email_change_new", to, request, code, hash, key));
			}
			return results;
		}
		String template = request.actionType().endsWith("_notification") ? "notification" : request.actionType();
		results.add(send(template, required(user.email(), "user.email"), request, request.token(),
				request.tokenHash(), key));
		return results;
	}

	private SendResult send(String template, String to, SupabaseEmailRequest request, @Nullable String token,
			@Nullable String tokenHash, String idempotencyKey) {
		Map<String, Object> model = new LinkedHashMap<>();
		model.put("email", to);
		model.put("user", request.user());
		model.put("actionType", request.actionType());
		model.put("token", token);
		model.put("confirmationUrl", confirmationUrl(request, tokenHash));
		model.put("siteUrl", request.siteUrl());
		model.put("redirectTo", request.redirectTo());
		model.put("newEmail", request.user().newEmail());
		model.put("oldEmail", request.oldEmail());
		Email email = this.templates.render("supabase/" + template, model).to(to).build();
		return this.mailClient.send(email, idempotencyKey);
	}

	private @Nullable String confirmationUrl(SupabaseEmailRequest request, @Nullable String tokenHash) {
		if (tokenHash == null || LINKLESS.contains(request.actionType())
				|| request.actionType().endsWith("_notification")) {
			return null;
		}
		// values strictly encoded, as Supabase's mailer (url.Values) and the documentation's URLSearchParams do
		Map<String, String> values = new LinkedHashMap<>();
		values.put("token", tokenHash);
		values.put("type", request.actionType());
		UriComponentsBuilder link = UriComponentsBuilder.fromUri(this.verifyUrl)
			.queryParam("token", "{token}")
			.queryParam("type", "{type}");
		if (request.redirectTo() != null) {
			values.put("redirect_to", request.redirectTo());
			link.queryParam("redirect_to", "{redirect_to}");
		}
		return link.encode().buildAndExpand(values).toUriString();
	}

	private static String required(@Nullable String address, String field) {
		if (address == null) {
			throw new IllegalArgumentException("the send-email hook payload has no " + field);
		}
		return address;
	}

	@Override
	public String toString() {
		return "SupabaseSendEmailHook[" + this.verifyUrl + "]";
	}

}
