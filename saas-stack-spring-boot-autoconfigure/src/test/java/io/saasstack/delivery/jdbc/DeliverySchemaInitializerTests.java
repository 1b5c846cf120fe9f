package io.saasstack.delivery.jdbc;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.saasstack.delivery.DeliveryTestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.StreamUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link DeliverySchemaInitializer} on PostgreSQL, and the MySQL scripts against the PostgreSQL
 * ones.
 */
class DeliverySchemaInitializerTests {

	private static final List<String> TABLES = List.of("delivery_failed", "rate_limit_buckets", "scheduled_tasks",
			"webhook_receipts");

	private static final List<String> INDEXES = List.of("delivery_failed_at_idx", "delivery_failed_pkey",
			"rate_limit_buckets_pkey", "scheduled_tasks_execution_time_idx", "scheduled_tasks_last_heartbeat_idx",
			"scheduled_tasks_pkey", "scheduled_tasks_priority_execution_time_idx", "webhook_receipts_at_idx",
			"webhook_receipts_pkey");

	private static DeliveryTestDatabase database;

	@BeforeAll
	static void database() {
		database = DeliveryTestDatabase.create("delivery_schema_initializer_tests");
	}

	@Test
	void thePrefixNamesEveryTableAndIndex() {
		String prefix = DeliveryTestDatabase.newPrefix() + "app_";
		assertThat(initializer(DatabaseInitializationMode.ALWAYS, prefix, true).initializeDatabase()).isTrue();
		assertThat(tables(prefix)).containsExactlyElementsOf(TABLES.stream().map((table) -> prefix + table).toList());
		assertThat(indexes(prefix)).containsExactlyElementsOf(INDEXES.stream().map((index) -> prefix + index).toList());
		assertThat(tables("saas_")).isEmpty();
		assertThat(indexes("saas_")).isEmpty();
	}

	@Test
	void withTheApplicationsSchedulerItsTableIsNotCreated() {
		String prefix = DeliveryTestDatabase.newPrefix();
		initializer(DatabaseInitializationMode.ALWAYS, prefix, false).initializeDatabase();
		assertThat(tables(prefix)).containsExactly(prefix + "delivery_failed", prefix + "rate_limit_buckets",
				prefix + "webhook_receipts");
	}

	@ParameterizedTest
	@ValueSource(strings = { "NEVER", "EMBEDDED" })
	void onPostgresqlNeverAndEmbeddedCreateNothing(DatabaseInitializationMode mode) {
		String prefix = DeliveryTestDatabase.newPrefix();
		assertThat(initializer(mode, prefix, true).initializeDatabase()).isFalse();
		assertThat(tables(prefix)).isEmpty();
	}

	@Test
	void theScriptsCanRunAgainAndKeepTheRows() {
		String prefix = DeliveryTestDatabase.newPrefix();
		initializer(DatabaseInitializationMode.ALWAYS, prefix, true).initializeDatabase();
		JdbcTemplate jdbc = database.jdbc();
		jdbc.update("insert into " + prefix + "webhook_receipts (provider, message_id, received_at) values (?, ?, now())",
				"stripe", "evt_1");
		assertThat(initializer(DatabaseInitializationMode.ALWAYS, prefix, true).initializeDatabase()).isTrue();
		assertThat(initializer(DatabaseInitializationMode.ALWAYS, prefix, true).initializeDatabase()).isTrue();
		assertThat(tables(prefix)).hasSize(4);
		assertThat(jdbc.queryForObject("select count(*) from " + prefix + "webhook_receipts", Integer.class))
			.isEqualTo(1);
	}

	@Test
	void theMysqlScriptsHaveTheTablesColumnsAndIndexesOfThePostgresqlOnes() throws Exception {
		for (String script : List.of("schema", "scheduler")) {
			String postgresql = script(script + "-postgresql.sql");
			String mysql = script(script + "-mysql.sql");
			assertThat(columns(mysql)).as(script).isEqualTo(columns(postgresql)).isNotEmpty();
			assertThat(indexNames(mysql)).as(script).isEqualTo(indexNames(postgresql)).isNotEmpty();
			assertThat(primaryKeys(mysql)).as(script).isEqualTo(primaryKeys(postgresql));
		}
		assertThat(columns(script("schema-postgresql.sql")).keySet()).containsExactly("saas_delivery_failed",
				"saas_webhook_receipts", "saas_rate_limit_buckets");
		assertThat(columns(script("scheduler-postgresql.sql"))).containsExactly(Map.entry("saas_scheduled_tasks",
				List.of("task_name", "task_instance", "task_data", "execution_time", "picked", "picked_by",
						"last_success", "last_failure", "consecutive_failures", "last_heartbeat", "version",
						"priority")));
	}

	@Test
	void theLocationsAreThePlatformsScripts() {
		assertThat(DeliverySchemaInitializer.locations("mysql", true)).containsExactly(
				"classpath:io/saasstack/delivery/jdbc/schema-mysql.sql",
				"classpath:io/saasstack/delivery/jdbc/scheduler-mysql.sql");
		assertThat(DeliverySchemaInitializer.locations("postgresql", false))
			.containsExactly("classpath:io/saasstack/delivery/jdbc/schema-postgresql.sql");
	}

	private static DeliverySchemaInitializer initializer(DatabaseInitializationMode mode, String prefix,
			boolean withScheduler) {
		return new DeliverySchemaInitializer(database.dataSource(), mode, "postgresql", prefix, withScheduler);
	}

	private static List<String> tables(String prefix) {
		return database.jdbc()
			.queryForList("select tablename from pg_tables where schemaname = 'public' and tablename like ?"
					+ " order by tablename", String.class, prefix.replace("_", "\\_") + "%");
	}

	private static List<String> indexes(String prefix) {
		return database.jdbc()
			.queryForList("select indexname from pg_indexes where schemaname = 'public' and indexname like ?"
					+ " order by indexname", String.class, prefix.replace("_", "\\_") + "%");
	}

	private static String script(String name) throws Exception {
		return StreamUtils.copyToString(new ClassPathResource("io/saasstack/delivery/jdbc/" + name).getInputStream(),
				StandardCharsets.UTF_8);
	}

	private static List<String> statements(String script) {
		// the scripts have line comments and one statement per ';', as Spring's ScriptUtils reads them
		List<String> statements = new ArrayList<>();
		String withoutComments = script.replaceAll("(?m)--.*$", "");
		for (String statement : withoutComments.split(";")) {
			if (!statement.isBlank()) {
				statements.add(statement.trim());
			}
		}
		return statements;
	}

	private static final Pattern CREATE_TABLE = Pattern
		.compile("(?is)CREATE TABLE IF NOT EXISTS (\\w+)\\s*\\((.*)\\)\\s*$");

	/** Table name to column names, in order, of every CREATE TABLE. */
	private static Map<String, List<String>> columns(String script) {
		Map<String, List<String>> tables = new LinkedHashMap<>();
		for (String statement : statements(script)) {
			Matcher create = CREATE_TABLE.matcher(statement.trim());
			if (create.matches()) {
				List<String> columns = new ArrayList<>();
				for (String definition : create.group(2).split(",(?![^(]*\\))")) {
					String name = definition.trim().split("\\s+")[0].toLowerCase();
					if (!Set.of("primary", "index", "unique", "key", "constraint").contains(name)) {
						columns.add(name);
					}
				}
				tables.put(create.group(1), columns);
			}
		}
		return tables;
	}

	/** Names of the secondary indexes, inline (MySQL) or CREATE INDEX (PostgreSQL). */
	private static Set<String> indexNames(String script) {
		Set<String> names = new TreeSet<>();
		Matcher matcher = Pattern.compile("(?i)(?:CREATE INDEX IF NOT EXISTS|\\bINDEX)\\s+(\\w+)").matcher(script);
		while (matcher.find()) {
			names.add(matcher.group(1));
		}
		return names;
	}

	/** The primary key columns of each table. */
	private static Map<String, String> primaryKeys(String script) {
		Map<String, String> keys = new LinkedHashMap<>();
		for (Map.Entry<String, List<String>> table : columns(script).entrySet()) {
			String create = statements(script).stream()
				.filter((statement) -> statement.contains("EXISTS " + table.getKey() + " "))
				.findFirst()
				.orElseThrow();
			Matcher key = Pattern.compile("(?i)PRIMARY KEY \\(([^)]*)\\)").matcher(create);
			Matcher inline = Pattern.compile("(?im)^\\s*(\\w+)\\s+[^,]*PRIMARY KEY").matcher(create);
			keys.put(table.getKey(), key.find() ? key.group(1).replace(" ", "") : inline.find() ? inline.group(1) : "");
		}
		return keys;
	}

}
