package org.bdisuite.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bdisuite.exporter.ExporterApi.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.bdisuite.exporter.schedule.service.ErrorLog;
import org.bdisuite.test.EmbeddedPostgresResource;
import org.bdisuite.test.Sql;
import org.bdisuite.test.TestUsers.TestUser;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Every query of a SQL data source runs as the role suite_export_reader, sent as one statement: the escape of the
 * former textual check runs nothing, the suite's tables are out of reach, nothing can be written, a long query is
 * cancelled at the statement timeout (2 s here), a granted view exports as before, and every failure is stored and
 * answered in the user's terms (no driver message, no Java class name).
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@TestProfile(ExportReaderRoleTest.ShortStatementTimeout.class)
class ExportReaderRoleTest {

    /** The SQL that escaped the former "single read-only SELECT" check: its middle statements ran and committed. */
    private static final String ESCAPE =
            "SELECT E'\\'' AS a) q; COMMIT; CREATE TABLE pwned(x int);" + " SELECT E'\\'' AS b, (SELECT 1";

    public static class ShortStatementTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("suite.exporter.statement-timeout", "PT2S");
        }
    }

    @Inject
    DataSource dataSource;

    @ConfigProperty(name = "quarkus.datasource.export-reader.jdbc.url")
    String readerJdbcUrl;

    @ConfigProperty(name = "suite.exporter.reader.password")
    String readerPassword;

    @Test
    void theEscapeOfTheFormerCheckRunsNothing() throws Exception {
        TestUser admin = ExporterApi.admin(dataSource);
        for (String sql : new String[] {
            ESCAPE,
            "SELECT 1 AS a) q; CREATE TABLE pwned(x int); SELECT (1",
            "SELECT 1 AS a\n) AS registered_select) TO STDOUT; CREATE TABLE pwned(x int); COPY (SELECT (1"
        }) {
            String message = as(admin)
                    .body(Map.of("name", "escape" + Math.abs(sql.hashCode()), "sql", sql))
                    .post("/exporter/data-sources/sql")
                    .then()
                    .log()
                    .ifValidationFails()
                    .statusCode(422)
                    .body("status", equalTo("UNPROCESSABLE_ENTITY"))
                    .extract()
                    .path("message");
            assertUserTerms(message);
            assertThat(message).startsWith("sql: ");
        }
        assertThat(Sql.single(dataSource, "SELECT to_regclass('public.pwned')::text"))
                .isNull();
        assertThat(Sql.singleLong(
                        dataSource, "SELECT count(*) FROM exporter_sql_data_source WHERE name LIKE" + " 'escape%'"))
                .isZero();
    }

    @Test
    void theSuitesTablesAreRefusedInTheUsersTerms() throws Exception {
        TestUser admin = ExporterApi.admin(dataSource);
        for (String table :
                new String[] {"suite_user", "public.suite_user", "exporter_sftp_details", "exporter_sql_data_source"}) {
            String message = as(admin)
                    .body(Map.of("name", "steal" + Math.abs(table.hashCode()), "sql", "SELECT * FROM " + table))
                    .post("/exporter/data-sources/sql")
                    .then()
                    .log()
                    .ifValidationFails()
                    .statusCode(422)
                    .extract()
                    .path("message");
            assertUserTerms(message);
            assertThat(message)
                    .contains("may only read from views granted to it")
                    .contains("permission denied");
        }
        String message = as(admin)
                .body(Map.of("name", "readFile", "sql", "SELECT pg_read_file('/etc/passwd') AS f"))
                .post("/exporter/data-sources/sql")
                .then()
                .statusCode(422)
                .extract()
                .path("message");
        assertThat(message).contains("permission denied");
        assertUserTerms(message);
    }

    @Test
    void writesAndSecondStatementsAreRefusedAndChangeNothing() throws Exception {
        TestUser admin = ExporterApi.admin(dataSource);
        long roles = Sql.singleLong(dataSource, "SELECT count(*) FROM suite_role");
        for (String sql : new String[] {
            "DELETE FROM suite_role",
            "SELECT 1 AS one; DELETE FROM suite_role",
            "SELECT 1 AS one; CREATE TABLE pwned_too(x int)",
            "WITH gone AS (DELETE FROM suite_role RETURNING name) SELECT * FROM gone",
            "SELECT * INTO pwned_too FROM generate_series(1, 3)",
            "SELECT lo_import('/etc/passwd') AS oid"
        }) {
            String message = as(admin)
                    .body(Map.of("name", "write" + Math.abs(sql.hashCode()), "sql", sql))
                    .post("/exporter/data-sources/sql")
                    .then()
                    .log()
                    .ifValidationFails()
                    .statusCode(422)
                    .extract()
                    .path("message");
            assertUserTerms(message);
        }
        assertThat(Sql.singleLong(dataSource, "SELECT count(*) FROM suite_role"))
                .isEqualTo(roles);
        assertThat(Sql.single(dataSource, "SELECT to_regclass('public.pwned_too')::text"))
                .isNull();
    }

    /** A session-level advisory lock taken by a data source's SELECT must not stay with the pooled session. */
    @Test
    void aSessionLockTakenByTheQueryIsReleasedWithItsConnection() throws Exception {
        TestUser admin = ExporterApi.admin(dataSource);
        as(admin)
                .body(Map.of("name", "locker", "sql", "SELECT pg_advisory_lock(424242) AS locked"))
                .post("/exporter/data-sources/sql")
                .then()
                .log()
                .ifValidationFails()
                .statusCode(201);
        as(admin)
                .get("/exporter/data-sources/locker/preview?limit=1")
                .then()
                .log()
                .ifValidationFails()
                .statusCode(200);
        assertThat(Sql.single(
                        dataSource,
                        "SELECT count(*)::text FROM pg_locks WHERE locktype = 'advisory'" + " AND objid = 424242"))
                .isEqualTo("0");
    }

    @Test
    void theRoleReadsOnlyWhatWasGrantedAndWritesNothing() throws Exception {
        assertThat(Sql.single(
                        dataSource,
                        "SELECT rolsuper OR rolcreaterole OR rolcreatedb OR rolreplication"
                                + " OR rolbypassrls FROM pg_roles WHERE rolname = 'suite_export_reader'"))
                .isEqualTo("f");
        assertThat(Sql.single(
                        dataSource,
                        "SELECT array_to_string(rolconfig, ',') FROM pg_roles WHERE rolname ="
                                + " 'suite_export_reader'"))
                .contains("default_transaction_read_only=on");
        // The exporter set the configured password at start, as a SCRAM verifier.
        assertThat(Sql.single(dataSource, "SELECT rolpassword FROM pg_authid WHERE rolname = 'suite_export_reader'"))
                .startsWith("SCRAM-SHA-256$");
        try (Connection reader = DriverManager.getConnection(readerJdbcUrl, "suite_export_reader", readerPassword);
                Statement statement = reader.createStatement()) {
            assertThat(Sql.single(reader, "SELECT current_user")).isEqualTo("suite_export_reader");
            // Even out of the read-only default, every write needs a right the role does not have.
            statement.execute("SET default_transaction_read_only = off");
            for (String sql : new String[] {
                "SELECT * FROM suite_user",
                "SELECT * FROM suite_role",
                "INSERT INTO suite_role (name) VALUES ('x')",
                "CREATE TABLE pwned(x int)",
                "CREATE TABLE public.pwned(x int)",
                "UPDATE suite_user SET enabled = true",
                "CREATE TEMP TABLE pwned(x int)",
                "CREATE SCHEMA pwned",
                "CREATE VIEW export_views.pwned AS SELECT 1 AS x",
                "DELETE FROM exporter_sql_data_source"
            }) {
                assertThatThrownBy(() -> statement.execute(sql))
                        .as(sql)
                        .isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState())
                                .as(sql)
                                .isEqualTo("42501"));
            }
        }
    }

    @Test
    void readinessIncludesTheExportReaderPool() {
        io.restassured.RestAssured.get("/q/health/ready")
                .then()
                .statusCode(200)
                .body(
                        "checks.find { it.name == 'Database connections health check' }.data.'export-reader'",
                        equalTo("UP"));
    }

    @Test
    void aGrantedViewValidatesPreviewsAndExportsAsCsvAndJson() throws Exception {
        // What deploy/README.md tells an administrator to do: a view in export_views, granted to the role.
        Sql.execute(
                dataSource,
                "CREATE VIEW export_views.role_names AS SELECT name, length(name) AS len" + " FROM suite_role");
        Sql.execute(dataSource, "GRANT SELECT ON export_views.role_names TO suite_export_reader");
        TestUser admin = ExporterApi.admin(dataSource);
        as(admin)
                .body(Map.of("name", "roleNames", "sql", "SELECT name AS role, len FROM role_names ORDER BY name"))
                .post("/exporter/data-sources/sql")
                .then()
                .log()
                .ifValidationFails()
                .statusCode(201)
                .body("headerRow", contains("role", "len"));
        as(admin)
                .get("/exporter/data-sources/roleNames/preview?limit=1")
                .then()
                .statusCode(200)
                .body("data[0].role", equalTo("DATAEXPORTER"))
                .body("data[0].len", equalTo(12));

        Map<String, Object> schedule = ExporterApi.schedule();
        schedule.put("dataSource", "roleNames");
        assertThat(runFile(admin, schedule))
                .isEqualTo("role,len\r\nDATAEXPORTER,12\r\nbdi-admin,9\r\n" + "bdi-monitor,11\r\nbdi-operator,12\r\n");
        schedule.put("fileType", "JSON");
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(runFile(admin, schedule)))
                .isEqualTo(json.readTree("[{\"role\":\"DATAEXPORTER\","
                        + "\"len\":12}, {\"role\":\"bdi-admin\",\"len\":9}, {\"role\":\"bdi-monitor\",\"len\":11},"
                        + " {\"role\":\"bdi-operator\",\"len\":12}]"));
    }

    @Test
    void aRevokedGrantFailsPreviewAndRunInTheUsersTerms() throws Exception {
        Sql.execute(dataSource, "CREATE VIEW export_views.revoked_roles AS SELECT name FROM suite_role");
        Sql.execute(dataSource, "GRANT SELECT ON export_views.revoked_roles TO suite_export_reader");
        TestUser admin = ExporterApi.admin(dataSource);
        as(admin)
                .body(Map.of("name", "revokedRoles", "sql", "SELECT name FROM export_views.revoked_roles"))
                .post("/exporter/data-sources/sql")
                .then()
                .statusCode(201);
        Map<String, Object> schedule = ExporterApi.schedule();
        schedule.put("dataSource", "revokedRoles");
        String businessKey = as(admin)
                .body(schedule)
                .post("/exporter/schedules")
                .then()
                .statusCode(201)
                .extract()
                .path("businessKey");
        Sql.execute(dataSource, "REVOKE SELECT ON export_views.revoked_roles FROM suite_export_reader");

        String preview = as(admin)
                .get("/exporter/data-sources/revokedRoles/preview")
                .then()
                .statusCode(422)
                .body("status", equalTo("UNPROCESSABLE_ENTITY"))
                .extract()
                .path("message");
        assertThat(preview)
                .isEqualTo("The data source query may only read from views granted to it (schema"
                        + " export_views): permission denied for view revoked_roles");
        assertStoredFailure(admin, businessKey, "permission denied for view revoked_roles");
    }

    @Test
    void aLongQueryIsCancelledAtTheStatementTimeout() throws Exception {
        TestUser admin = ExporterApi.admin(dataSource);
        // LIMIT 0 at registration reads no row, so the sleep only happens on preview and export.
        as(admin)
                .body(Map.of("name", "sleepy", "sql", "SELECT pg_sleep(30) AS slept"))
                .post("/exporter/data-sources/sql")
                .then()
                .log()
                .ifValidationFails()
                .statusCode(201);
        String preview = as(admin)
                .get("/exporter/data-sources/sleepy/preview")
                .then()
                .statusCode(422)
                .extract()
                .path("message");
        assertThat(preview)
                .isEqualTo("The data source query ran longer than the statement timeout (2s) and was" + " cancelled");
        Map<String, Object> schedule = ExporterApi.schedule();
        schedule.put("dataSource", "sleepy");
        String businessKey = as(admin)
                .body(schedule)
                .post("/exporter/schedules")
                .then()
                .statusCode(201)
                .extract()
                .path("businessKey");
        assertStoredFailure(admin, businessKey, "ran longer than the statement timeout (2s)");
    }

    /** Runs the schedule and checks the run's 422, its record, audit event and DataExporterErrors entry. */
    private void assertStoredFailure(TestUser admin, String businessKey, String expected) throws Exception {
        String body = as(admin)
                .post("/exporter/schedules/" + businessKey + "/run")
                .then()
                .statusCode(422)
                .body("code", equalTo("export-failed"))
                .extract()
                .path("message");
        String audit = as(admin)
                .get("/exporter/schedules/" + businessKey + "/history/audit")
                .then()
                .statusCode(200)
                .body("items[0].event.outcome", equalTo("FAILED"))
                .extract()
                .path("items[0].event.error");
        JsonPath errors = as(admin)
                .get("/exporter/errors?size=100")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        List<String> logged = errors.getList("items.findAll { it.businessKey == '" + businessKey + "' }.message");
        String stored =
                Sql.single(dataSource, "SELECT error FROM exporter_run WHERE business_key = '" + businessKey + "'");
        String file =
                Files.readString(Path.of("target/exporter-test/logs", ErrorLog.FILE_NAME), StandardCharsets.UTF_8);
        String fileLine = file.lines()
                .filter(line -> line.contains("schedule=" + businessKey))
                .findFirst()
                .orElseThrow();
        assertThat(logged).hasSize(1);
        for (String text : List.of(body, audit, logged.get(0), stored, fileLine)) {
            assertThat(text).contains(expected);
            assertUserTerms(text);
        }
    }

    private String runFile(TestUser admin, Map<String, Object> schedule) throws Exception {
        String businessKey = as(admin)
                .body(schedule)
                .post("/exporter/schedules")
                .then()
                .statusCode(201)
                .extract()
                .path("businessKey");
        JsonPath run = as(admin)
                .post("/exporter/schedules/" + businessKey + "/run")
                .then()
                .log()
                .ifValidationFails()
                .statusCode(200)
                .body("rows", equalTo(4))
                .extract()
                .jsonPath();
        return Files.readString(
                Path.of(
                        "target/exporter-test/runs",
                        businessKey,
                        run.getString("runId"),
                        run.getString("files[0].name")),
                StandardCharsets.UTF_8);
    }

    /** No driver message (pgjdbc's "ERROR: ..." with position), no Java class name, no stack. */
    static void assertUserTerms(String text) {
        assertThat(text)
                .doesNotContain("ERROR:")
                .doesNotContain("Position:")
                .doesNotContain("org.postgresql")
                .doesNotContain("Exception")
                .doesNotContain("java.")
                .doesNotContain("\tat ")
                .doesNotContain("registered_select");
    }
}
