package io.saasstack.testsupport.postgres;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestPostgresTests {

	private static TestPostgres postgres;

	@BeforeAll
	static void start() {
		postgres = TestPostgres.get();
	}

	@Test
	void getReturnsOneServerPerJvm() {
		assertThat(TestPostgres.get()).isSameAs(postgres);
		assertThat(postgres.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:" + postgres.port() + "/postgres");
		assertThat(postgres.username()).isEqualTo("saas");
		assertThat(postgres.password()).hasSize(24);
		assertThat(postgres.version()).startsWith("PostgreSQL ");
		assertThat(postgres.toString()).doesNotContain(postgres.password());
	}

	@Test
	void createsInsertsAndSelects() throws SQLException {
		String url = postgres.createDatabase("crud_tests");
		assertThat(url).endsWith("/crud_tests");
		try (Connection connection = postgres.connection("crud_tests"); Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE note (id BIGSERIAL PRIMARY KEY, body TEXT NOT NULL, data BYTEA)");
			statement.execute("INSERT INTO note (body, data) VALUES ('hello', '\\x0102'), ('world', NULL)");
			ResultSet rows = statement.executeQuery("SELECT body, data FROM note ORDER BY id");
			assertThat(rows.next()).isTrue();
			assertThat(rows.getString(1)).isEqualTo("hello");
			assertThat(rows.getBytes(2)).containsExactly(1, 2);
			assertThat(rows.next()).isTrue();
			assertThat(rows.getString(1)).isEqualTo("world");
			assertThat(rows.next()).isFalse();
			ResultSet version = statement.executeQuery("SELECT current_setting('server_version_num')::int, "
					+ "current_setting('fsync'), current_setting('max_connections')::int");
			version.next();
			assertThat(version.getInt(1)).isGreaterThanOrEqualTo(130000);
			assertThat(version.getString(2)).isEqualTo("off");
			assertThat(version.getInt(3)).isEqualTo(TestPostgres.MAX_CONNECTIONS);
		}
	}

	@Test
	void eachDatabaseIsFreshAndSeparate() throws SQLException {
		postgres.createDatabase("isolation_a");
		postgres.createDatabase("isolation_b");
		execute("isolation_a", "CREATE TABLE only_in_a (id INT)");
		assertThat(tables("isolation_a")).containsExactly("only_in_a");
		assertThat(tables("isolation_b")).isEmpty();
		try (Connection open = postgres.connection("isolation_a")) {
			// created again (a test class run twice in one JVM): empty, even with a connection still open
			postgres.createDatabase("isolation_a");
		}
		assertThat(tables("isolation_a")).isEmpty();
	}

	@Test
	void skipLockedHandsEachRowToOneClaimer() throws SQLException {
		postgres.createDatabase("skip_locked_tests");
		execute("skip_locked_tests", "CREATE TABLE task (id INT PRIMARY KEY, picked_by TEXT)");
		execute("skip_locked_tests", "INSERT INTO task (id) SELECT generate_series(1, 4)");
		DataSource dataSource = postgres.dataSource("skip_locked_tests");
		String claim = "SELECT id FROM task WHERE picked_by IS NULL ORDER BY id LIMIT 2 FOR UPDATE SKIP LOCKED";
		try (Connection first = dataSource.getConnection(); Connection second = dataSource.getConnection()) {
			first.setAutoCommit(false);
			second.setAutoCommit(false);
			assertThat(ids(first, claim)).containsExactly(1, 2);
			assertThat(ids(second, claim)).containsExactly(3, 4); // 1 and 2 are locked by the first
			first.rollback();
			assertThat(ids(first, claim)).containsExactly(1, 2);
			first.rollback();
			second.rollback();
		}
	}

	@Test
	void anotherJvmConnectsWithTheUrlOnly() throws Exception {
		postgres.createDatabase("child_jvm_tests");
		execute("child_jvm_tests", "CREATE TABLE visit (who TEXT)");
		Process child = java(ChildJvm.class.getName(), "insert", postgres.jdbcUrl("child_jvm_tests"),
				postgres.username(), postgres.password());
		String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(child.exitValue()).as(output).isZero();
		try (Connection connection = postgres.connection("child_jvm_tests");
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT who FROM visit")) {
			assertThat(rows.next()).isTrue();
			assertThat(rows.getString(1)).startsWith("child jvm ");
		}
	}

	@Test
	void serverOfAKilledJvmStopsAndItsDirectoryGoes() throws Exception {
		Process child = java(ChildJvm.class.getName(), "serve");
		BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
		String ready = null;
		List<String> seen = new ArrayList<>();
		for (String line = lines.readLine(); line != null; line = lines.readLine()) {
			seen.add(line);
			if (line.startsWith("SERVING ")) {
				ready = line;
				break;
			}
		}
		assertThat(ready).as("child output: %s", seen).isNotNull();
		String[] parts = ready.split(" ");
		int port = Integer.parseInt(parts[1]);
		Path directory = Path.of(parts[2]);
		assertThat(accepts(port)).isTrue();
		assertThat(directory).exists();
		child.destroyForcibly(); // SIGKILL: no shutdown hook runs
		child.waitFor(30, TimeUnit.SECONDS);
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while ((Files.exists(directory) || accepts(port)) && System.nanoTime() < deadline) {
			Thread.sleep(50);
		}
		assertThat(directory).doesNotExist();
		assertThat(accepts(port)).isFalse();
	}

	@Test
	void serversStartedApartHaveTheirOwnPortAndDirectoryAndStop(@TempDir Path unused) throws SQLException {
		TestPostgres other = TestPostgres.start(PostgresBinaries.locate(), Path.of(System.getProperty("java.io.tmpdir")));
		try {
			assertThat(other.port()).isNotEqualTo(postgres.port());
			assertThat(other.directory()).isNotEqualTo(postgres.directory());
			try (Connection connection = other.connection("postgres")) {
				assertThat(connection.isValid(5)).isTrue();
			}
		}
		finally {
			other.stop();
		}
		assertThat(other.isRunning()).isFalse();
		assertThat(other.directory()).doesNotExist();
		assertThat(accepts(other.port())).isFalse();
		assertThat(postgres.isRunning()).isTrue();
	}

	@Test
	void missingProgramsSayHowToInstallThem(@TempDir Path emptyRoot) {
		assertThatThrownBy(() -> PostgresBinaries.locate(null, emptyRoot)).isInstanceOf(PostgresStartException.class)
			.hasMessageContaining("not installed")
			.hasMessageContaining(emptyRoot + "/*/bin")
			.hasMessageContaining("bash .ci/ensure-postgres");
		assertThatThrownBy(() -> PostgresBinaries.locate("/nonexistent/bin", emptyRoot))
			.isInstanceOf(PostgresStartException.class)
			.hasMessageContaining("SAAS_PG_BIN=/nonexistent/bin has no executable initdb and postgres")
			.hasMessageContaining("bash .ci/ensure-postgres");
		assertThatThrownBy(() -> TestPostgres.start(emptyRoot, emptyRoot)).isInstanceOf(PostgresStartException.class)
			.hasMessageContaining("bash .ci/ensure-postgres");
	}

	@Test
	void picksTheHighestInstalledVersion(@TempDir Path root) throws IOException {
		for (String version : List.of("9.6", "15", "13")) {
			fakeProgram(root.resolve(version + "/bin/initdb"), "");
			fakeProgram(root.resolve(version + "/bin/postgres"), "");
		}
		Files.createDirectories(root.resolve("17/bin")); // no programs: not usable
		assertThat(PostgresBinaries.locate(null, root)).isEqualTo(root.resolve("15/bin"));
	}

	@Test
	void initdbFailureShowsItsOutput(@TempDir Path directory) throws IOException {
		Path bin = reachable(directory.resolve("bin"));
		fakeProgram(bin.resolve("initdb"), "echo 'initdb: error: fake initdb failure' >&2; exit 1");
		fakeProgram(bin.resolve("postgres"), "exit 1");
		assertThatThrownBy(() -> TestPostgres.start(bin, reachable(directory.resolve("tmp"))))
			.isInstanceOf(PostgresStartException.class)
			.hasMessageContaining("initdb failed (exit 1)")
			.hasMessageContaining("fake initdb failure");
	}

	@Test
	void serverFailureShowsItsOutputAndPort(@TempDir Path directory) throws IOException {
		Path bin = reachable(directory.resolve("bin"));
		fakeProgram(bin.resolve("initdb"), "mkdir -p \"$2\" && echo 15 > \"$2/PG_VERSION\"");
		fakeProgram(bin.resolve("postgres"), "echo 'FATAL:  fake server failure' >&2; exit 3");
		Path tmp = reachable(directory.resolve("tmp"));
		assertThatThrownBy(() -> TestPostgres.start(bin, tmp)).isInstanceOf(PostgresStartException.class)
			.hasMessageContaining("the server stopped (exit 3)")
			.hasMessageContaining("port ")
			.hasMessageContaining("fake server failure");
		try (var left = Files.list(tmp)) {
			assertThat(left).allMatch((path) -> path.getFileName().toString().contains("template-"));
		}
	}

	private static Path reachable(Path directory) throws IOException {
		// as root the programs run as another user, which must reach them
		Files.createDirectories(directory);
		for (Path path = directory; path != null && path.startsWith(directory.getParent()); path = path.getParent()) {
			Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
		}
		return directory;
	}

	private static void fakeProgram(Path path, String body) throws IOException {
		Files.createDirectories(path.getParent());
		Files.writeString(path, "#!/bin/sh\n" + body + "\n");
		Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
	}

	private static void execute(String database, String sql) throws SQLException {
		try (Connection connection = postgres.connection(database); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private static List<String> tables(String database) throws SQLException {
		List<String> tables = new ArrayList<>();
		try (Connection connection = postgres.connection(database);
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")) {
			while (rows.next()) {
				tables.add(rows.getString(1));
			}
		}
		return tables;
	}

	private static List<Integer> ids(Connection connection, String sql) throws SQLException {
		List<Integer> ids = new ArrayList<>();
		try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
			while (rows.next()) {
				ids.add(rows.getInt(1));
			}
		}
		return ids;
	}

	private static boolean accepts(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static Process java(String mainClass, String... arguments) throws IOException {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-cp", System.getProperty("java.class.path"), mainClass));
		command.addAll(List.of(arguments));
		return new ProcessBuilder(command).redirectErrorStream(true).start();
	}

}
