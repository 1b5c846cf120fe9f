package io.saasstack.testsupport.postgres;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

/**
 * An initialized data directory that every server copies instead of running initdb (about 2 s) each time: built
 * once per machine, user and PostgreSQL installation, in java.io.tmpdir, and replaced when the installation changes.
 * It is never started itself, so a killed test cannot leave it half-used. Holds the password of the superuser.
 */
record ClusterTemplate(Path directory, String password, boolean reused, Duration initdbTime) {

	/** Change when initdb's arguments change: templates built with the old ones are then not reused. */
	private static final String LAYOUT = "2";

	static final String USERNAME = "saas";

	private static final Duration INITDB_TIMEOUT = Duration.ofMinutes(3);

	private static final char[] ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();

	Path data() {
		return this.directory.resolve("data");
	}

	static ClusterTemplate ensure(Path bin, ServerUser user, Path temporaryDirectory) {
		Path directory = temporaryDirectory.resolve(TestPostgres.DIRECTORY_PREFIX + "template-" + user.name() + "-"
				+ key(bin));
		ClusterTemplate existing = read(directory);
		if (existing != null) {
			return existing;
		}
		Path building = null;
		try {
			building = Files.createTempDirectory(temporaryDirectory, TestPostgres.DIRECTORY_PREFIX + "building-");
			user.own(building);
			String password = randomPassword();
			Path passwordFile = building.resolve("password");
			Files.writeString(passwordFile, password, StandardCharsets.UTF_8);
			Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
			user.own(passwordFile);
			long started = System.nanoTime();
			List<String> initdb = List.of(bin.resolve("initdb").toString(), "-D", building.resolve("data").toString(),
					"-U", USERNAME, "--pwfile=" + passwordFile, "-A", "scram-sha-256", "-E", "UTF8", "--locale=C",
					"--no-sync", "--wal-segsize=1"); // 1 MB WAL segments: 23 MB to copy instead of 39
			Commands.Result result = Commands.run(user.command(initdb), INITDB_TIMEOUT);
			Duration initdbTime = Duration.ofNanos(System.nanoTime() - started);
			if (!result.succeeded()) {
				throw new PostgresStartException("PostgreSQL for the tests cannot start: initdb failed (exit "
						+ result.exitCode() + "), run as user " + user + " (" + bin.resolve("initdb") + " into "
						+ building.resolve("data") + (user.switched() ? "; that user must be able to reach java.io.tmpdir" : "")
						+ "). The end of its output:\n" + result.tail(25));
			}
			try {
				Files.move(building, directory, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (FileAlreadyExistsException | DirectoryNotEmptyException | AtomicMoveNotSupportedException ex) {
				// another JVM built it at the same time: use that one
				ClusterTemplate theirs = read(directory);
				if (theirs != null) {
					return theirs;
				}
				throw ex;
			}
			building = null;
			return new ClusterTemplate(directory, password, false, initdbTime);
		}
		catch (IOException ex) {
			throw new PostgresStartException("PostgreSQL for the tests cannot start: could not prepare a data directory "
					+ "in " + temporaryDirectory + " (" + ex + ")", ex);
		}
		finally {
			if (building != null) {
				TestPostgres.deleteRecursively(building);
			}
		}
	}

	/** Deletes this template, when a server started from it failed: the next start builds a fresh one. */
	void discard() {
		Path doomed = this.directory.resolveSibling(this.directory.getFileName() + "-discarded-" + System.nanoTime());
		try {
			Files.move(this.directory, doomed, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			return; // already gone, or replaced by another JVM
		}
		TestPostgres.deleteRecursively(doomed);
	}

	private static ClusterTemplate read(Path directory) {
		Path passwordFile = directory.resolve("password");
		if (!Files.isRegularFile(passwordFile) || !Files.isRegularFile(directory.resolve("data/PG_VERSION"))) {
			return null;
		}
		try {
			return new ClusterTemplate(directory, Files.readString(passwordFile, StandardCharsets.UTF_8).strip(), true,
					Duration.ZERO);
		}
		catch (IOException ex) {
			return null;
		}
	}

	/** Identifies the installation (and this class's initdb arguments) the template was built with. */
	private static String key(Path bin) {
		try {
			Path postgres = bin.resolve("postgres").toRealPath();
			String identity = postgres + "|" + Files.size(postgres) + "|" + Files.getLastModifiedTime(postgres).toMillis()
					+ "|" + LAYOUT;
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 6);
		}
		catch (IOException | NoSuchAlgorithmException ex) {
			throw new PostgresStartException("PostgreSQL for the tests cannot start: cannot read "
					+ bin.resolve("postgres") + " (" + ex + "). " + PostgresBinaries.HOW_TO_INSTALL, ex);
		}
	}

	private static String randomPassword() {
		SecureRandom random = new SecureRandom();
		char[] password = new char[24];
		for (int i = 0; i < password.length; i++) {
			password[i] = ALPHABET[random.nextInt(ALPHABET.length)];
		}
		return new String(password);
	}

	@Override
	public String toString() {
		return "ClusterTemplate[" + this.directory + "]";
	}

}
