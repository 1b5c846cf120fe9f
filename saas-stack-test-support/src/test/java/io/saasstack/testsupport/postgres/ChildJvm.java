package io.saasstack.testsupport.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;

/** Runs in a JVM started by {@link TestPostgresTests}. */
public final class ChildJvm {

	private ChildJvm() {
	}

	public static void main(String[] arguments) throws Exception {
		switch (arguments[0]) {
			case "insert" -> {
				// what an application instance started by a test gets: the URL and the credentials
				try (Connection connection = DriverManager.getConnection(arguments[1], arguments[2], arguments[3]);
						PreparedStatement insert = connection.prepareStatement("INSERT INTO visit (who) VALUES (?)")) {
					insert.setString(1, "child jvm " + ProcessHandle.current().pid());
					insert.executeUpdate();
				}
			}
			case "serve" -> {
				TestPostgres postgres = TestPostgres.get();
				System.out.println("SERVING " + postgres.port() + " " + postgres.directory());
				System.out.flush();
				Thread.sleep(120_000);
			}
			default -> throw new IllegalArgumentException(arguments[0]);
		}
	}

}
