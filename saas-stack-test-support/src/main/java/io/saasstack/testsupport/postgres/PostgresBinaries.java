package io.saasstack.testsupport.postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where PostgreSQL's server programs are: {@code $SAAS_PG_BIN} when set, else the highest version under
 * {@code /usr/lib/postgresql/<version>/bin} (Debian's layout, what {@code .ci/ensure-postgres} installs).
 */
final class PostgresBinaries {

	static final String ENVIRONMENT_VARIABLE = "SAAS_PG_BIN";

	static final Path DEBIAN_ROOT = Path.of("/usr/lib/postgresql");

	static final String HOW_TO_INSTALL = "Run `bash .ci/ensure-postgres` (as root it installs Debian's postgresql "
			+ "package; as another user it prints the command to run as root), or set " + ENVIRONMENT_VARIABLE
			+ " to the bin directory of a PostgreSQL installation (holding initdb and postgres).";

	private PostgresBinaries() {
	}

	/** The bin directory to use, from the environment; never {@code null}. */
	static Path locate() {
		return locate(System.getenv(ENVIRONMENT_VARIABLE), DEBIAN_ROOT);
	}

	static Path locate(String configured, Path root) {
		if (configured != null && !configured.isBlank()) {
			Path bin = Path.of(configured);
			if (!usable(bin)) {
				throw new PostgresStartException("PostgreSQL for the tests cannot start: " + ENVIRONMENT_VARIABLE + "="
						+ configured + " has no executable initdb and postgres. " + HOW_TO_INSTALL);
			}
			return bin;
		}
		List<Path> found = candidates(root);
		if (found.isEmpty()) {
			throw new PostgresStartException("PostgreSQL for the tests cannot start: its server programs are not "
					+ "installed (no initdb in " + root + "/*/bin, and " + ENVIRONMENT_VARIABLE + " is not set). "
					+ HOW_TO_INSTALL);
		}
		return found.get(found.size() - 1);
	}

	/** Usable bin directories under {@code root}, lowest version first. */
	static List<Path> candidates(Path root) {
		if (!Files.isDirectory(root)) {
			return List.of();
		}
		try (Stream<Path> versions = Files.list(root)) {
			return versions.map((version) -> version.resolve("bin"))
				.filter(PostgresBinaries::usable)
				.sorted(Comparator.comparing((Path bin) -> versionOf(bin.getParent().getFileName().toString()))
					.thenComparing(Path::toString))
				.collect(Collectors.toList());
		}
		catch (IOException ex) {
			return List.of();
		}
	}

	static boolean usable(Path bin) {
		return Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("postgres"));
	}

	/** "15" → 15.0, "9.6" → 9.006: numeric order of Debian's version directories. */
	private static double versionOf(String name) {
		String[] parts = name.split("\\.");
		try {
			double version = Integer.parseInt(parts[0]);
			if (parts.length > 1) {
				version += Integer.parseInt(parts[1]) / 1000.0;
			}
			return version;
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

}
