package org.bdisuite.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bdisuite.exporter.ExporterApi.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.sql.DataSource;
import org.bdisuite.test.EmbeddedPostgresResource;
import org.bdisuite.test.Sql;
import org.bdisuite.test.TestUsers.TestUser;
import org.junit.jupiter.api.Test;

/** SQL data sources: one SELECT, registered by a bdi-admin, read-only; everything else is a 422. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class SqlDataSourceTest {

    @Inject
    DataSource dataSource;

    @Test
    void aRegisteredSelectIsListedPreviewedAndExported() throws Exception {
        // The suite's tables are not readable by SQL data sources: an administrator makes a view in export_views
        // (the migration's default privileges grant it to suite_export_reader).
        Sql.execute(dataSource, "CREATE VIEW export_views.suite_roles AS SELECT name FROM suite_role");
        TestUser admin = ExporterApi.admin(dataSource);
        as(admin)
                .body(Map.of(
                        "name",
                        "sqlRoles",
                        "description",
                        "The roles",
                        "sql",
                        "SELECT name AS role, length(name) AS len FROM suite_roles ORDER BY name;"))
                .post("/exporter/data-sources/sql")
                .then()
                .log()
                .ifValidationFails()
                .statusCode(201)
                .header("Location", containsString("/exporter/data-sources/sqlRoles/preview"))
                .body("kind", equalTo("SQL"))
                .body("headerRow", contains("role", "len"));
        as(admin).get("/exporter/data-sources").then().body("name", hasItem("sqlRoles"));
        as(admin)
                .get("/exporter/data-sources/sqlRoles/preview?limit=1")
                .then()
                .statusCode(200)
                .body("data[0].role", equalTo("DATAEXPORTER"))
                .body("data[0].len", equalTo(12));

        Map<String, Object> schedule = ExporterApi.schedule();
        schedule.put("dataSource", "sqlRoles");
        String businessKey = as(admin)
                .body(schedule)
                .post("/exporter/schedules")
                .then()
                .statusCode(201)
                .extract()
                .path("businessKey");
        io.restassured.path.json.JsonPath run = as(admin)
                .post("/exporter/schedules/" + businessKey + "/run")
                .then()
                .statusCode(200)
                .body("rows", equalTo(4))
                .extract()
                .jsonPath();
        String csv = Files.readString(Path.of(
                "target/exporter-test/runs", businessKey, run.getString("runId"), run.getString("files[0].name")));
        assertThat(csv)
                .isEqualTo("role,len\r\nDATAEXPORTER,12\r\nbdi-admin,9\r\nbdi-monitor,11\r\n" + "bdi-operator,12\r\n");
    }

    @Test
    void theCsvOfASqlSourceComesFromCopyWithTheSameRulesAsEveryCsv() throws Exception {
        TestUser admin = ExporterApi.admin(dataSource);
        as(admin)
                .body(Map.of(
                        "name",
                        "sqlFormats",
                        "sql",
                        "SELECT n AS id, CASE n WHEN 1 THEN '=SUM(A1)'"
                                + " WHEN 2 THEN '-x, \"quoted\"' ELSE 'multi' || chr(10) || 'line' END AS label, -5 AS neg,"
                                + " 12.50::numeric(6,2) AS price, timestamptz '2024-07-10 13:31:02+00' + n * interval '1 hour'"
                                + " AS at, DATE '2024-07-10' AS day, n = 1 AS first, NULL::text AS nothing"
                                + " FROM generate_series(1, 3) n ORDER BY n"))
                .post("/exporter/data-sources/sql")
                .then()
                .statusCode(201);
        Map<String, Object> schedule = ExporterApi.schedule();
        schedule.put("dataSource", "sqlFormats");
        schedule.put("dateFormat", "UK");
        String businessKey = as(admin)
                .body(schedule)
                .post("/exporter/schedules")
                .then()
                .statusCode(201)
                .extract()
                .path("businessKey");
        io.restassured.path.json.JsonPath run = as(admin)
                .post("/exporter/schedules/" + businessKey + "/run")
                .then()
                .statusCode(200)
                .body("rows", equalTo(3))
                .extract()
                .jsonPath();
        byte[] bytes = Files.readAllBytes(Path.of(
                "target/exporter-test/runs", businessKey, run.getString("runId"), run.getString("files[0].name")));
        assertThat(new String(bytes, java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("id,label,neg,price,at,day,first,nothing\r\n"
                        + "1,'=SUM(A1),-5,12.50,2024-07-10T14:31:02Z,10/07/2024,true,\r\n"
                        + "2,\"'-x, \"\"quoted\"\"\",-5,12.50,2024-07-10T15:31:02Z,10/07/2024,false,\r\n"
                        + "3,\"multi\nline\",-5,12.50,2024-07-10T16:31:02Z,10/07/2024,false,\r\n");
        assertThat(run.getString("files[0].sha256")).isEqualTo(ExportRunTest.sha256(bytes));
    }

    @Test
    void aSqlSourceOverTheRowLimitFailsOrSplits() throws Exception {
        TestUser admin = ExporterApi.admin(dataSource);
        as(admin)
                .body(Map.of(
                        "name",
                        "sqlTooMany",
                        "sql",
                        "SELECT n AS id, 'v' || n AS v FROM generate_series(1," + " 100001) n ORDER BY n"))
                .post("/exporter/data-sources/sql")
                .then()
                .statusCode(201);
        Map<String, Object> schedule = ExporterApi.schedule();
        schedule.put("dataSource", "sqlTooMany");
        String failing = as(admin)
                .body(schedule)
                .post("/exporter/schedules")
                .then()
                .statusCode(201)
                .extract()
                .path("businessKey");
        as(admin)
                .post("/exporter/schedules/" + failing + "/run")
                .then()
                .statusCode(422)
                .body("message", containsString("more than 100000 rows"));

        schedule.put("split", true);
        String splitting = as(admin)
                .body(schedule)
                .post("/exporter/schedules")
                .then()
                .statusCode(201)
                .extract()
                .path("businessKey");
        io.restassured.path.json.JsonPath run = as(admin)
                .post("/exporter/schedules/" + splitting + "/run")
                .then()
                .statusCode(200)
                .body("rows", equalTo(100001))
                .body("files", org.hamcrest.Matchers.hasSize(3))
                .extract()
                .jsonPath();
        Path directory = Path.of("target/exporter-test/runs", splitting, run.getString("runId"));
        String second = Files.readString(directory.resolve(run.getString("files[1].name")));
        assertThat(second).isEqualTo("id,v\r\n100001,v100001\r\n");
        try (java.util.stream.Stream<String> lines = Files.lines(directory.resolve(run.getString("files[0].name")))) {
            assertThat(lines.count()).isEqualTo(100001);
        }
        assertThat(Files.readString(directory.resolve(run.getString("files[2].name"))))
                .contains("\"rows\":100001");
    }

    @Test
    void anythingButASingleSelectIs422AndNothingIsStoredOrChanged() throws Exception {
        TestUser admin = ExporterApi.admin(dataSource);
        long appointments = Sql.singleLong(dataSource, "SELECT count(*) FROM exporter_demo_appointment");
        for (String sql : new String[] {
            "DELETE FROM exporter_demo_appointment",
            "SELECT 1; DELETE FROM exporter_demo_appointment",
            "WITH gone AS (DELETE FROM exporter_demo_appointment RETURNING id) SELECT * FROM gone",
            "SELECT * INTO stolen FROM exporter_demo_appointment",
            "SELECT * FROM no_such_table",
            "SELECT 1 AS a, 2 AS a"
        }) {
            as(admin)
                    .body(Map.of("name", "bad" + Math.abs(sql.hashCode()), "sql", sql))
                    .post("/exporter/data-sources/sql")
                    .then()
                    .log()
                    .ifValidationFails()
                    .statusCode(422)
                    .body("status", equalTo("UNPROCESSABLE_ENTITY"));
        }
        assertThat(Sql.singleLong(dataSource, "SELECT count(*) FROM exporter_demo_appointment"))
                .isEqualTo(appointments);
        assertThat(Sql.singleLong(dataSource, "SELECT count(*) FROM exporter_sql_data_source WHERE name LIKE 'bad%'"))
                .isZero();
        assertThat(Sql.singleLong(dataSource, "SELECT count(*) FROM pg_tables WHERE tablename = 'stolen'"))
                .isZero();
    }

    @Test
    void onlyAdminsRegisterAndNamesAreUnique() {
        Map<String, String> body = Map.of("name", "sqlOnce", "sql", "SELECT 1 AS one");
        as(ExporterApi.exporter(dataSource))
                .body(body)
                .post("/exporter/data-sources/sql")
                .then()
                .statusCode(403);
        TestUser admin = ExporterApi.admin(dataSource);
        as(admin).body(body).post("/exporter/data-sources/sql").then().statusCode(201);
        as(admin).body(body).post("/exporter/data-sources/sql").then().statusCode(409);
        as(admin)
                .body(Map.of("name", "sampleAppointments", "sql", "SELECT 1 AS one"))
                .post("/exporter/data-sources/sql")
                .then()
                .statusCode(409);
        as(admin)
                .body(Map.of("name", "../x", "sql", "SELECT 1 AS one"))
                .post("/exporter/data-sources/sql")
                .then()
                .statusCode(400);
    }
}
