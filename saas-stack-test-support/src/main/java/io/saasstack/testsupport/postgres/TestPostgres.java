package io.saasstack.testsupport.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.sql.DataSource;

/**
 * A real PostgreSQL for the tests, private to this test JVM: started on first use from the installed server
 * programs ({@code $SAAS_PG_BIN}, else the highest {@code /usr/lib/postgresql/<version>/bin}; {@code bash
 * .ci/ensure-postgres} installs them), listening on 127.0.0.1 on a free port, and stopped when the JVM exits.
 * <pre>
 * TestPostgres postgres = TestPostgres.get();
 * String url = postgres.createDatabase("delivery_tests");    // a fresh database per test class
 * DataSource dataSource = postgres.dataSource("delivery_tests");
 * // other JVMs (application instances started by a test) only need the URL, username() and password()
 * </pre>
 * <ul>
 * <li>Each server copies an initialized data directory (see {@link ClusterTemplate}; initdb runs once per machine
 * and installation) into a fresh directory under java.io.tmpdir, and runs with fsync, synchronous commit and full page
 * writes off, no unix socket, and 200 connections (enough for several application JVMs with their pools).</li>
 * <li>As root (CI), which PostgreSQL refuses, initdb and postgres run as {@code $SAAS_PG_USER}, else
 * {@code postgres} (created by Debian's package), else {@code nobody}, through {@code setpriv}; as any other user
 * they run as that user.</li>
 * <li>postgres runs under a small shell watchdog that reads this JVM's end of a pipe: when the JVM exits, however
 * it exits (SIGKILL included), the pipe closes, the watchdog stops the server (immediate shutdown) and deletes its
 * directory. A shutdown hook also closes it and waits. Nothing is shared between runs but the template, so a
 * leftover server cannot break the next run.</li>
 * <li>When the server cannot start, {@link #get()} throws a {@link PostgresStartException} that says why (programs
 * missing and how to install them, initdb's or the server's last lines, the port), every time it is called: tests
 * that need the database fail, never skip.</li>
 * <li>{@link #createDatabase}, {@link #dataSource} and {@link #connection} need the PostgreSQL JDBC driver, which
 * this module declares optional: a module whose tests use them adds {@code org.postgresql:postgresql} with test
 * scope (the version is Boot's).</li>
 * </ul>
 */
public final class TestPostgres {

	static final String DIRECTORY_PREFIX = "saas-test-pg-";

	static final String HOST = "127.0.0.1";

	static final int MAX_CONNECTIONS = 200;

	private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

	private static final int START_ATTEMPTS = 3;

	private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

	/**
	 * Runs the server (the arguments after the directory) and stays until this JVM closes the watchdog's standard
	 * input, or dies, or the server stops; then stops the server and deletes the directory. A background job's stdin
	 * is /dev/null unless redirected, hence fd 3.
	 */
	private static final String WATCHDOG = """
			dir=$1; shift
			exec 3<&0
			"$@" </dev/null 2>&1 &
			pg=$!
			trap 'kill -QUIT "$pg" 2>/dev/null' INT TERM HUP
			(cat >/dev/null; kill -QUIT "$pg" 2>/dev/null) <&3 >/dev/null 2>&1 &
			exec 3<&-
			code=0
			while kill -0 "$pg" 2>/dev/null; do wait "$pg"; code=$?; done
			rm -rf "$dir"
			exit "$code"
			""";

	private static final Object LOCK = new Object();

	private static TestPostgres shared;

	private static PostgresStartException sharedFailure;

	private final Path binDirectory;

	private final ServerUser user;

	private final Path directory;

	private final int port;

	private final String password;

	private final Process watchdog;

	private final ServerOutput output;

	private final Duration startTime;

	private final Duration initdbTime;

	private final Duration copyTime;

	private final Duration serverTime;

	private final Thread shutdownHook;

	private TestPostgres(Path binDirectory, ServerUser user, Path directory, int port, String password,
			Process watchdog, ServerOutput output, Duration startTime, Duration initdbTime, Duration copyTime,
			Duration serverTime) {
		this.binDirectory = binDirectory;
		this.user = user;
		this.directory = directory;
		this.port = port;
		this.password = password;
		this.watchdog = watchdog;
		this.output = output;
		this.startTime = startTime;
		this.initdbTime = initdbTime;
		this.copyTime = copyTime;
		this.serverTime = serverTime;
		this.shutdownHook = new Thread(this::stop, "test-postgres-stop");
		Runtime.getRuntime().addShutdownHook(this.shutdownHook);
	}

	/**
	 * The server of this JVM, started on the first call.
	 * @throws PostgresStartException when it cannot start (on every call, with the first failure's reason)
	 */
	public static TestPostgres get() {
		synchronized (LOCK) {
			if (shared == null) {
				if (sharedFailure != null) {
					throw new PostgresStartException(sharedFailure.getMessage(), sharedFailure);
				}
				try {
					shared = start(PostgresBinaries.locate(), temporaryDirectory());
					System.err.println("TestPostgres: " + shared);
				}
				catch (PostgresStartException ex) {
					sharedFailure = ex;
					throw ex;
				}
			}
			return shared;
		}
	}

	/** Starts a separate server from the programs in {@code binDirectory}; {@link #stop()} or JVM exit stops it. */
	static TestPostgres start(Path binDirectory, Path temporaryDirectory) {
		if (!PostgresBinaries.usable(binDirectory)) {
			throw new PostgresStartException("PostgreSQL for the tests cannot start: no executable initdb and postgres "
					+ "in " + binDirectory + ". " + PostgresBinaries.HOW_TO_INSTALL);
		}
		long started = System.nanoTime();
		ServerUser user = ServerUser.forThisProcess();
		ClusterTemplate template = ClusterTemplate.ensure(binDirectory, user, temporaryDirectory);
		PostgresStartException failure = null;
		boolean retriedTemplate = false;
		for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
			try {
				TestPostgres server = launch(binDirectory, user, template, temporaryDirectory, started);
				cleanLeftoversLater(temporaryDirectory, template.directory());
				return server;
			}
			catch (PortTakenException ex) {
				failure = ex;
			}
			catch (PostgresStartException ex) {
				if (!template.reused() || retriedTemplate) {
					throw ex;
				}
				// a template from an earlier run may be damaged: build a fresh one once
				retriedTemplate = true;
				failure = ex;
				template.discard();
				template = ClusterTemplate.ensure(binDirectory, user, temporaryDirectory);
			}
		}
		throw failure;
	}

	private static TestPostgres launch(Path bin, ServerUser user, ClusterTemplate template, Path temporaryDirectory,
			long started) {
		Path directory;
		try {
			directory = Files.createTempDirectory(temporaryDirectory, DIRECTORY_PREFIX);
			user.own(directory);
		}
		catch (IOException ex) {
			throw new PostgresStartException("PostgreSQL for the tests cannot start: cannot create a directory in "
					+ temporaryDirectory + " (" + ex + ")", ex);
		}
		Path data = directory.resolve("data");
		long copyStarted = System.nanoTime();
		// as root, cp -a keeps the server user as the owner
		Commands.Result copy = Commands.run(List.of("cp", "-a", template.data().toString(), data.toString()),
				Duration.ofMinutes(1));
		if (!copy.succeeded()) {
			deleteRecursively(directory);
			throw new PostgresStartException("PostgreSQL for the tests cannot start: copying " + template.data()
					+ " to " + data + " failed: " + copy.tail(10));
		}
		Duration copyTime = Duration.ofNanos(System.nanoTime() - copyStarted);
		long serverStarted = System.nanoTime();
		int port = freePort();
		List<String> postgres = List.of(bin.resolve("postgres").toString(), "-D", data.toString(), "-p",
				String.valueOf(port), "-c", "listen_addresses=" + HOST, "-c", "unix_socket_directories=", "-c",
				"fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c",
				"max_connections=" + MAX_CONNECTIONS, "-c", "jit=off", "-c", "lc_messages=C");
		List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", WATCHDOG, "saas-test-postgres",
				directory.toString()));
		command.addAll(user.command(postgres));
		Process watchdog;
		try {
			watchdog = new ProcessBuilder(command).redirectErrorStream(true).start();
		}
		catch (IOException ex) {
			deleteRecursively(directory);
			throw new PostgresStartException("PostgreSQL for the tests cannot start: cannot run /bin/sh (" + ex + ")",
					ex);
		}
		ServerOutput output = ServerOutput.follow(watchdog.getInputStream(), "test-postgres-log-" + port);
		String where = " (" + bin.resolve("postgres") + " as user " + user + ", port " + port + ", data directory "
				+ data + ")";
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		try {
			while (!output.awaitReady(Duration.ofMillis(20))) {
				if (!watchdog.isAlive()) {
					stop(watchdog, directory);
					String tail = output.tail(25);
					if (tail.contains("could not bind") || tail.contains("Address already in use")) {
						throw new PortTakenException("PostgreSQL for the tests cannot start: port " + port
								+ " was taken" + where + ". Its last lines:\n" + tail);
					}
					throw new PostgresStartException("PostgreSQL for the tests cannot start: the server stopped (exit "
							+ watchdog.exitValue() + ")" + where + ". Its last lines:\n" + tail);
				}
				if (System.nanoTime() > deadline) {
					stop(watchdog, directory);
					throw new PostgresStartException("PostgreSQL for the tests cannot start: it did not accept "
							+ "connections within " + START_TIMEOUT.toSeconds() + " s" + where + ". Its last lines:\n"
							+ output.tail(25));
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			stop(watchdog, directory);
			throw new PostgresStartException("interrupted while starting PostgreSQL for the tests", ex);
		}
		long now = System.nanoTime();
		return new TestPostgres(bin, user, directory, port, template.password(), watchdog, output,
				Duration.ofNanos(now - started), template.initdbTime(), copyTime, Duration.ofNanos(now - serverStarted));
	}

	/** {@code jdbc:postgresql://127.0.0.1:<port>/postgres}, the maintenance database. */
	public String jdbcUrl() {
		return jdbcUrl("postgres");
	}

	public String jdbcUrl(String database) {
		return "jdbc:postgresql://" + HOST + ":" + this.port + "/" + database;
	}

	public String host() {
		return HOST;
	}

	public int port() {
		return this.port;
	}

	/** The superuser, which owns every database. */
	public String username() {
		return ClusterTemplate.USERNAME;
	}

	public String password() {
		return this.password;
	}

	/** How long this server took to start (copy of the template and start; initdb included when it ran). */
	public Duration startTime() {
		return this.startTime;
	}

	/** "PostgreSQL 15.18", from the server's log. */
	public String version() {
		return this.output.version();
	}

	/** The last lines the server logged. */
	public String logTail(int lines) {
		return this.output.tail(lines);
	}

	/**
	 * Creates an empty database, dropping any of that name first (a fresh one per test class keeps tests apart).
	 * @param name letters, digits and underscores, starting with a letter or underscore, at most 63 characters; case
	 * is kept
	 * @return its JDBC URL
	 */
	public synchronized String createDatabase(String name) {
		checkName(name);
		try (Connection connection = connection("postgres"); Statement statement = connection.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
			// PostgreSQL 15 copies through the WAL by default; copying the files is several times faster here
			boolean strategy = connection.getMetaData().getDatabaseMajorVersion() >= 15;
			statement.execute("CREATE DATABASE \"" + name + "\"" + (strategy ? " STRATEGY FILE_COPY" : ""));
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create database " + name + " on " + this + ": " + ex, ex);
		}
		return jdbcUrl(name);
	}

	/** A new connection to {@code database}, as the superuser. */
	public Connection connection(String database) throws SQLException {
		requireDriver();
		return DriverManager.getConnection(jdbcUrl(checkName(database)), username(), this.password);
	}

	/** A {@link DataSource} without a pool ({@code PGSimpleDataSource}) for {@code database}. */
	public DataSource dataSource(String database) {
		requireDriver();
		return PgDataSource.create(jdbcUrl(checkName(database)), username(), this.password);
	}

	/** Stops the server and deletes its directory; done at JVM exit. */
	void stop() {
		stop(this.watchdog, this.directory);
		try {
			Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
		}
		catch (IllegalStateException ex) {
			// the JVM is exiting: this is the hook
		}
	}

	boolean isRunning() {
		return this.watchdog.isAlive();
	}

	Path directory() {
		return this.directory;
	}

	private static void stop(Process watchdog, Path directory) {
		try {
			watchdog.getOutputStream().close(); // the watchdog stops the server and deletes the directory
			if (!watchdog.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				watchdog.descendants().forEach(ProcessHandle::destroyForcibly);
				watchdog.destroyForcibly();
			}
		}
		catch (IOException ex) {
			watchdog.descendants().forEach(ProcessHandle::destroyForcibly);
			watchdog.destroyForcibly();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		deleteRecursively(directory);
	}

	private static String checkName(String name) {
		if (name == null || !DATABASE_NAME.matcher(name).matches()) {
			throw new IllegalArgumentException("Not a database name for the tests: '" + name
					+ "' (letters, digits and underscores, starting with a letter or underscore, at most 63)");
		}
		return name;
	}

	private static void requireDriver() {
		try {
			Class.forName("org.postgresql.Driver", false, TestPostgres.class.getClassLoader());
		}
		catch (ClassNotFoundException ex) {
			throw new IllegalStateException("The PostgreSQL JDBC driver is not on the test classpath: add "
					+ "org.postgresql:postgresql with <scope>test</scope> to the module (its version is Boot's)", ex);
		}
	}

	private static Path temporaryDirectory() {
		return Path.of(System.getProperty("java.io.tmpdir"));
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new PostgresStartException("PostgreSQL for the tests cannot start: no free port on " + HOST + " ("
					+ ex + ")", ex);
		}
	}

	/**
	 * Deletes, in the background, what earlier runs left behind, older than an hour: server directories with no live
	 * postmaster (their watchdog was killed too) and templates of this user built for another installation or by an
	 * older version of this class. Whatever cannot be deleted (another user's) is left.
	 */
	private static void cleanLeftoversLater(Path temporaryDirectory, Path template) {
		String templates = template.getFileName().toString().replaceFirst("-[0-9a-f]+$", "-");
		Thread cleaner = new Thread(() -> {
			Instant hourAgo = Instant.now().minus(Duration.ofHours(1));
			try (Stream<Path> entries = Files.list(temporaryDirectory)) {
				entries.filter((entry) -> entry.getFileName().toString().startsWith(DIRECTORY_PREFIX))
					.filter((entry) -> !entry.equals(template))
					.filter((entry) -> !entry.getFileName().toString().startsWith(DIRECTORY_PREFIX + "template-")
							|| entry.getFileName().toString().startsWith(templates))
					.filter((entry) -> olderThan(entry, hourAgo))
					.filter((entry) -> !hasLivePostmaster(entry.resolve("data")))
					.forEach(TestPostgres::deleteRecursively);
			}
			catch (IOException | UncheckedIOException ex) {
				// best effort
			}
		}, "test-postgres-clean");
		cleaner.setDaemon(true);
		cleaner.start();
	}

	private static boolean olderThan(Path path, Instant instant) {
		try {
			FileTime modified = Files.getLastModifiedTime(path);
			return modified.toInstant().isBefore(instant);
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static boolean hasLivePostmaster(Path data) {
		try {
			List<String> lines = Files.readAllLines(data.resolve("postmaster.pid"));
			return !lines.isEmpty() && ProcessHandle.of(Long.parseLong(lines.get(0).strip())).isPresent();
		}
		catch (IOException | RuntimeException ex) {
			return Files.exists(data.resolve("postmaster.pid")); // unreadable: assume it runs
		}
	}

	static void deleteRecursively(Path path) {
		if (!Files.exists(path)) {
			return;
		}
		try {
			Files.walkFileTree(path, new SimpleFileVisitor<>() {

				@Override
				public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
					Files.deleteIfExists(file);
					return FileVisitResult.CONTINUE;
				}

				@Override
				public FileVisitResult postVisitDirectory(Path directory, IOException failure) throws IOException {
					Files.deleteIfExists(directory);
					return FileVisitResult.CONTINUE;
				}

			});
		}
		catch (IOException ex) {
			// best effort: java.io.tmpdir is cleaned by the machine
		}
	}

	@Override
	public String toString() {
		return version() + " on " + HOST + ":" + this.port + " (as user " + this.user + ", programs in "
				+ this.binDirectory + ", data in " + this.directory + "), started in " + this.startTime.toMillis()
				+ " ms (" + (this.initdbTime.isZero() ? "" : "initdb of the template " + this.initdbTime.toMillis()
						+ " ms, ") + "copy of the template " + this.copyTime.toMillis() + " ms, server start "
				+ this.serverTime.toMillis() + " ms)";
	}

	/** A start failure worth another try on another port. */
	private static final class PortTakenException extends PostgresStartException {

		private static final long serialVersionUID = 1L;

		PortTakenException(String message) {
			super(message);
		}

	}

	/** Kept apart so that the driver's classes load only when a data source is asked for. */
	private static final class PgDataSource {

		static DataSource create(String url, String username, String password) {
			org.postgresql.ds.PGSimpleDataSource dataSource = new org.postgresql.ds.PGSimpleDataSource();
			dataSource.setURL(url);
			dataSource.setUser(username);
			dataSource.setPassword(password);
			return dataSource;
		}

	}

}
