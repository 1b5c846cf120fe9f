package io.saasstack.delivery.jdbc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.boot.sql.init.DatabaseInitializationSettings;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;
import org.springframework.util.StreamUtils;

/**
 * Creates the delivery tables, as Spring Session and Spring Batch create theirs: the scripts
 * {@code io/saasstack/delivery/jdbc/schema-<platform>.sql} (and {@code scheduler-<platform>.sql}
 * when saas-stack starts db-scheduler), with the {@code saas_} prefix of their table names replaced
 * by the configured one. Every statement is {@code CREATE ... IF NOT EXISTS}: running them on each
 * start-up of each instance is safe.
 *
 * @since 0.2.0
 */
public final class DeliverySchemaInitializer extends DataSourceScriptDatabaseInitializer {

	/** The prefix the scripts are written with. */
	static final String SCRIPT_PREFIX = "saas_";

	private final String prefix;

	/**
	 * @param dataSource the application's data source
	 * @param mode when to run the scripts
	 * @param platform {@code postgresql} or {@code mysql}
	 * @param prefix the table prefix
	 * @param withScheduler whether to create db-scheduler's table too
	 */
	public DeliverySchemaInitializer(DataSource dataSource, DatabaseInitializationMode mode, String platform,
			String prefix, boolean withScheduler) {
		super(dataSource, settings(mode, platform, withScheduler));
		this.prefix = prefix;
	}

	/** The script locations for a platform. */
	public static List<String> locations(String platform, boolean withScheduler) {
		List<String> locations = new ArrayList<>();
		locations.add("classpath:io/saasstack/delivery/jdbc/schema-" + platform + ".sql");
		if (withScheduler) {
			locations.add("classpath:io/saasstack/delivery/jdbc/scheduler-" + platform + ".sql");
		}
		return locations;
	}

	private static DatabaseInitializationSettings settings(DatabaseInitializationMode mode, String platform,
			boolean withScheduler) {
		DatabaseInitializationSettings settings = new DatabaseInitializationSettings();
		settings.setSchemaLocations(locations(platform, withScheduler));
		settings.setMode(mode);
		return settings;
	}

	@Override
	protected void runScripts(Scripts scripts) {
		List<Resource> prefixed = new ArrayList<>();
		for (Resource script : scripts) {
			prefixed.add(prefixed(script));
		}
		super.runScripts(new Scripts(prefixed).continueOnError(scripts.isContinueOnError())
			.separator(scripts.getSeparator())
			.encoding(scripts.getEncoding()));
	}

	private Resource prefixed(Resource script) {
		try {
			String sql = StreamUtils.copyToString(script.getInputStream(), java.nio.charset.StandardCharsets.UTF_8);
			return new ByteArrayResource(sql.replace(SCRIPT_PREFIX, this.prefix)
				.getBytes(java.nio.charset.StandardCharsets.UTF_8), script.getDescription());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
