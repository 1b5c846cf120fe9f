package io.saasstack.testsupport.postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The user that runs initdb and postgres. PostgreSQL refuses to run as root, so a root JVM (CI runs as root) runs
 * them as an unprivileged user: {@code $SAAS_PG_USER} when set, else {@code postgres} (created by Debian's package),
 * else {@code nobody}, through {@code setpriv} (util-linux, on every Debian) and hands them the files they need. Any
 * other user runs them as itself.
 */
final class ServerUser {

	static final String ENVIRONMENT_VARIABLE = "SAAS_PG_USER";

	private static final Duration ID_TIMEOUT = Duration.ofSeconds(10);

	private final String name;

	private final int uid;

	private final int gid;

	private final boolean switched;

	private ServerUser(String name, int uid, int gid, boolean switched) {
		this.name = name;
		this.uid = uid;
		this.gid = gid;
		this.switched = switched;
	}

	static ServerUser forThisProcess() {
		int uid = currentUid();
		if (uid != 0) {
			return new ServerUser(System.getProperty("user.name"), uid, -1, false);
		}
		String configured = System.getenv(ENVIRONMENT_VARIABLE);
		String name = (configured != null && !configured.isBlank()) ? configured
				: (ids("postgres") != null) ? "postgres" : "nobody";
		int[] ids = ids(name);
		Integer userId = (ids != null) ? ids[0] : null;
		Integer groupId = (ids != null) ? ids[1] : null;
		if (userId == null || groupId == null) {
			throw new PostgresStartException("PostgreSQL for the tests cannot start: this JVM runs as root, which "
					+ "PostgreSQL refuses, and there is no user '" + name + "' to run it as. Set " + ENVIRONMENT_VARIABLE
					+ " to an unprivileged user, or run `bash .ci/ensure-postgres` (the postgresql package creates "
					+ "the user postgres).");
		}
		if (userId == 0) {
			throw new PostgresStartException("PostgreSQL for the tests cannot start: " + ENVIRONMENT_VARIABLE + "="
					+ name + " is root, which PostgreSQL refuses; name an unprivileged user.");
		}
		return new ServerUser(name, userId, groupId, true);
	}

	String name() {
		return this.name;
	}

	/** Whether initdb and postgres run as another user than this JVM's (this JVM runs as root). */
	boolean switched() {
		return this.switched;
	}

	/** {@code command} run as this user. */
	List<String> command(List<String> command) {
		if (!this.switched) {
			return command;
		}
		List<String> full = new ArrayList<>();
		if (Files.isExecutable(Path.of("/usr/bin/setpriv"))) {
			full.addAll(List.of("/usr/bin/setpriv", "--reuid=" + this.uid, "--regid=" + this.gid, "--clear-groups",
					"--"));
		}
		else {
			full.addAll(List.of("runuser", "-u", this.name, "--"));
		}
		full.addAll(command);
		return full;
	}

	/** Gives {@code path} (created by this JVM) to this user. */
	void own(Path path) throws IOException {
		if (this.switched) {
			Files.setAttribute(path, "unix:uid", this.uid);
			Files.setAttribute(path, "unix:gid", this.gid);
		}
	}

	private static int currentUid() {
		try {
			return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
		}
		catch (IOException | UnsupportedOperationException | IllegalArgumentException ex) {
			return "root".equals(System.getProperty("user.name")) ? 0 : 1000;
		}
	}

	/** uid and gid of {@code user}: from /etc/passwd, else (directory services) from id; {@code null} if none. */
	private static int[] ids(String user) {
		try (Stream<String> lines = Files.lines(Path.of("/etc/passwd"))) {
			int[] local = lines.map((line) -> line.split(":"))
				.filter((fields) -> fields.length > 3 && fields[0].equals(user))
				.map((fields) -> new int[] { Integer.parseInt(fields[2]), Integer.parseInt(fields[3]) })
				.findFirst()
				.orElse(null);
			if (local != null) {
				return local;
			}
		}
		catch (IOException | RuntimeException ex) {
			// ask id
		}
		Integer uid = id("-u", user);
		Integer gid = id("-g", user);
		return (uid != null && gid != null) ? new int[] { uid, gid } : null;
	}

	private static Integer id(String option, String user) {
		Commands.Result result = Commands.run(List.of("id", option, user), ID_TIMEOUT);
		if (!result.succeeded()) {
			return null;
		}
		try {
			return Integer.valueOf(result.output().strip());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	@Override
	public String toString() {
		return this.name;
	}

}
