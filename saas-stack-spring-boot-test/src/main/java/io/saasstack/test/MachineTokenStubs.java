package io.saasstack.test;

import io.saasstack.auth.local.LocalMachineToken;

/**
 * Makes the Backend API of the test (WireMock mode) answer the verify call of one opaque machine
 * token as Clerk answers a valid one.
 */
@FunctionalInterface
interface MachineTokenStubs {

	/**
	 * @param token the opaque token ({@code ak_...}, {@code mt_...} or {@code oat_...})
	 * @param content what the verify answer says about it
	 */
	void stub(String token, LocalMachineToken content);

}
