package io.saasstack.testsupport.postgres;

/**
 * PostgreSQL for the tests could not be started or used; the message says why and what to do.
 * Tests that need the database fail with it: they are never skipped.
 */
public class PostgresStartException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	public PostgresStartException(String message) {
		super(message);
	}

	public PostgresStartException(String message, Throwable cause) {
		super(message, cause);
	}

}
