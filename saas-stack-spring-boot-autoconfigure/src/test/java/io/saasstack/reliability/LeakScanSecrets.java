package io.saasstack.reliability;

/**
 * Credentials of the reliability tests. Each is also listed in {@code leak-scan/secrets.txt},
 * so the leak scan fails the build when one of them is written to the output of any test.
 */
final class LeakScanSecrets {

	static final String LOGSNAG_TOKEN = "lsk_FaultMatrixToken_7d1c2b9e4f";

	static final String RESEND_API_KEY = "re_FaultMatrix_5u8Kq2LzW";

	static final String CLOUDINARY_API_SECRET = "FaultMatrixCloudinarySecret_Zx9";

	static final String IMAGEKIT_PRIVATE_KEY = "private_FaultMatrixImageKit9Q2w=";

	static final String CLERK_SECRET_KEY = "sk_test_FaultMatrixClerkKey42a";

	static final String SUPABASE_SECRET_KEY = "sb_secret_FaultMatrixSupabase_9x8y7z";

	private LeakScanSecrets() {
	}

}
