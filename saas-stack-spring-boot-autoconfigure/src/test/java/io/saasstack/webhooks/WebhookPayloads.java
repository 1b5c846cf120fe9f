package io.saasstack.webhooks;

/**
 * Realistic payloads, shaped as in the reference (webhooks.md §4-§8).
 */
public final class WebhookPayloads {

	private WebhookPayloads() {
	}

	/** Clerk {@code user.created}, deliberately pretty-printed with odd whitespace. */
	public static final String CLERK_USER_CREATED = """
			{
			  "data": {
			    "birthday": "",
			    "created_at": 1654012591514,
			    "email_addresses": [
			      { "email_address": "other@example.org", "id": "idn_other", "object": "email_address" },
			      {
			        "email_address": "example@example.org",
			        "id": "idn_29w83yL7CwVlJXylYLxcslromF1",
			        "linked_to": [],
			        "object": "email_address",
			        "verification": { "status": "verified", "strategy": "ticket" }
			      }
			    ],
			    "external_id": "567772",
			    "first_name": "Example",
			    "id": "user_29w83sxmDNGwOuEthce5gg56FcC",
			    "last_name": "Example",
			    "object": "user",
			    "primary_email_address_id": "idn_29w83yL7CwVlJXylYLxcslromF1",
			    "primary_phone_number_id": null,
			    "public_metadata": {},
			    "updated_at": 1654012591835,
			    "username": null
			  },
			  "event_attributes": { "http_request": { "client_ip": "192.0.2.1", "user_agent": "Mozilla/5.0" } },
			  "instance_id": "ins_2a3b4c",
			  "object": "event",
			  "timestamp": 1654012591835,\t
			  "type": "user.created"
			}
			\s\s
			""";

	public static final String CLERK_SESSION_ENDED = """
			{"data":{"id":"sess_2b3c","object":"session","status":"ended","user_id":"user_29w83sxmDNGwOuEthce5gg56FcC"},\
			"object":"event","timestamp":1654012591835,"type":"session.ended","instance_id":"ins_2a3b4c"}""";

	/** Resend {@code email.bounced} with the bounce details. */
	public static final String RESEND_EMAIL_BOUNCED = """
			{
			  "type": "email.bounced",
			  "created_at": "2024-11-22T23:41:12.126Z",
			  "data": {
			    "created_at": "2024-11-22T23:41:11.894719+00:00",
			    "email_id": "56761188-7520-42d8-8898-ff6fc54ce618",
			    "from": "Acme <onboarding@resend.dev>",
			    "to": ["bounced@resend.dev"],
			    "subject": "Confirm your email",
			    "template_id": "43f68331-0622-4e15-8202-246a0388854b",
			    "bounce": {
			      "diagnosticCode": ["smtp; 550 5.1.1 user unknown"],
			      "message": "The recipient's email address does not exist.",
			      "subType": "General",
			      "type": "Permanent"
			    },
			    "tags": { "category": "confirm_email", "tenant": "acme" }
			  }
			}
			""";

	public static final String RESEND_EMAIL_FAILED = """
			{"type":"email.failed","created_at":"2024-11-22T23:41:12.126Z","data":{"email_id":"e-2",\
			"from":"Acme <onboarding@resend.dev>","to":["a@example.com","b@example.com"],"subject":"Hi",\
			"failed":{"reason":"reached_daily_quota"}}}""";

	/** Supabase Auth send-email hook. */
	public static final String SUPABASE_SEND_EMAIL = """
			{
			  "user": {
			    "id": "8ff1c3a1-7b3e-4b5c-9c1e-0c4d5e6f7a8b",
			    "aud": "authenticated",
			    "role": "authenticated",
			    "email": "valid.email@supabase.io",
			    "app_metadata": { "provider": "email", "providers": ["email"] },
			    "user_metadata": {},
			    "created_at": "2024-05-13T12:00:00.000000Z"
			  },
			  "email_data": {
			    "token": "305805",
			    "token_hash": "7d5b7b1964cf5d388340a7f04f1dbb5eeb6c7b52ef8270e1737a58d0",
			    "redirect_to": "http://localhost:3000/",
			    "email_action_type": "signup",
			    "site_url": "http://localhost:9999",
			    "token_new": "",
			    "token_hash_new": ""
			  }
			}
			""";

	/** Cloudinary upload notification. */
	public static final String CLOUDINARY_UPLOAD = """
			{"notification_type":"upload","timestamp":"2024-05-14T10:22:31+00:00",\
			"request_id":"8f5e6a1b2c3d4e5f","asset_id":"ba0e5c7e0b1d2f3a4b5c6d7e8f9a0b1c",\
			"public_id":"avatars/user_29w83","version":1715682151,"width":800,"height":600,"format":"jpg",\
			"resource_type":"image","created_at":"2024-05-14T10:22:31Z","tags":[],"bytes":120253,"type":"upload",\
			"placeholder":false,\
			"url":"http://res.cloudinary.com/demo/image/upload/v1715682151/avatars/user_29w83.jpg",\
			"secure_url":"https://res.cloudinary.com/demo/image/upload/v1715682151/avatars/user_29w83.jpg",\
			"asset_folder":"avatars","original_filename":"me","api_key":"123456789012345"}""";

	/** ImageKit pre-transform upload success. */
	public static final String IMAGEKIT_UPLOAD = """
			{"type":"upload.pre-transform.success","id":"1a2b3c4d-5e6f","created_at":"2025-01-10T10:00:00.000Z",\
			"request":{"x_request_id":"req-1","transformation":"w-300"},\
			"data":{"fileId":"6f7a8b9c0d1e2f","name":"avatar.jpg","url":"https://ik.imagekit.io/demo/avatar.jpg",\
			"fileType":"image","size":1024}}""";

}
