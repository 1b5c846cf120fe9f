package io.saasstack.auth.supabase;

import io.saasstack.core.SaasClientProperties;
import io.saasstack.core.SaasHttpClient;
import io.saasstack.core.SaasHttpClientFactory;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP client of a Supabase project's Auth API (GoTrue).
 *
 * @since 0.1.0
 */
public final class SupabaseHttpClients {

	/** The provider id of the client, in observations and exceptions. */
	public static final String PROVIDER = "supabase";

	/** The header of the project's API key. */
	public static final String API_KEY_HEADER = "apikey";

	private SupabaseHttpClients() {
	}

	/**
	 * The client of the project's Auth API: base URL (the project URL, paths start with
	 * {@code /auth/v1}), timeouts and retries from the properties, Supabase's error decoding and
	 * the key kept out of messages.
	 * <p>
	 * Every request carries {@code apikey: <key>}. A legacy {@code anon}/{@code service_role} key
	 * is a JWT and is also sent as {@code Authorization: Bearer}, as supabase-js does. The
	 * {@code sb_publishable_}/{@code sb_secret_} keys are not JWTs: they go in {@code apikey}
	 * only (reference {@code auth-supabase.md} §1; vector {@code supabase/api-key-format}), which
	 * leaves {@code Authorization} free for a user's access token.
	 * @param factory the factory of provider clients
	 * @param properties the Supabase client properties, whose base URL is the project URL
	 * @param apiKey the publishable or secret key (or a legacy key), or null for calls that need
	 * none, such as the JWKS (whether hosted projects require it there is UNVERIFIED)
	 */
	public static SaasHttpClient httpClient(SaasHttpClientFactory factory, SaasClientProperties properties,
			@Nullable String apiKey) {
		return factory.client(PROVIDER)
			.properties(properties)
			.errorDecoder(SupabaseErrorDecoder.INSTANCE)
			.defaultHeaders((headers) -> {
				if (apiKey != null) {
					headers.set(API_KEY_HEADER, apiKey);
					if (isLegacyJwtKey(apiKey)) {
						headers.setBearerAuth(apiKey);
					}
				}
			})
			.secrets(apiKey)
			.build();
	}

	/** Whether the key is a legacy {@code anon}/{@code service_role} JWT rather than an opaque {@code sb_} key. */
	public static boolean isLegacyJwtKey(String apiKey) {
		// a JWT header is a JSON object, whose base64url encoding starts with "eyJ"
		return apiKey.startsWith("eyJ") && apiKey.chars().filter((c) -> c == '.').count() == 2;
	}

}
