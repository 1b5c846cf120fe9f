package io.saasstack.auth;

import java.util.Locale;

/**
 * The kinds of bearer tokens a chain can accept, named as Clerk names them ({@code TokenType} of
 * {@code @clerk/backend}): session tokens of signed-in users, and the machine tokens (API keys,
 * machine-to-machine tokens, OAuth access tokens). Supabase issues session tokens only.
 *
 * @since 0.1.0
 */
public enum SaasTokenType {

	/** A user's session token (JWT): the principal is a {@link SaasUser}. */
	SESSION_TOKEN,

	/** An API key ({@code ak_...}): the principal is a {@link SaasMachine}. */
	API_KEY,

	/** A machine-to-machine token (opaque {@code mt_...} or JWT): the principal is a {@link SaasMachine}. */
	M2M_TOKEN,

	/** An OAuth access token (opaque {@code oat_...} or JWT): the principal is a {@link SaasMachine}. */
	OAUTH_TOKEN;

	/** Clerk's name of the type: {@code session_token}, {@code api_key}, {@code m2m_token}, {@code oauth_token}. */
	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** Whether the principal of such tokens is a {@link SaasMachine}. */
	public boolean isMachine() {
		return this != SESSION_TOKEN;
	}

}
