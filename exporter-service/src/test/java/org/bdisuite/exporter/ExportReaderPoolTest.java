package org.bdisuite.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bdisuite.exporter.ExporterApi.as;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import javax.sql.DataSource;
import org.bdisuite.test.EmbeddedPostgresResource;
import org.bdisuite.test.Sql;
import org.bdisuite.test.TestUsers.TestUser;
import org.junit.jupiter.api.Test;

/**
 * An export-reader pool that is not logged in as suite_export_reader (here: the embedded PostgreSQL's URL names
 * its superuser, which pgjdbc prefers to the pool's user name) runs no administrator's SQL: SQL data sources are
 * refused, built-in ones still work.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@TestProfile(ExportReaderPoolTest.PoolAsTheSuitesUser.class)
class ExportReaderPoolTest {

    public static class PoolAsTheSuitesUser implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.export-reader.jdbc.url", "${quarkus.datasource.jdbc.url}");
        }
    }

    @Inject
    DataSource dataSource;

    @Test
    void sqlDataSourcesAreRefusedWhenThePoolIsNotTheRole() throws Exception {
        TestUser admin = ExporterApi.admin(dataSource);
        String message = as(admin)
                .body(Map.of("name", "asSuperuser", "sql", "SELECT name FROM suite_user"))
                .post("/exporter/data-sources/sql")
                .then()
                .statusCode(422)
                .body("status", equalTo("UNPROCESSABLE_ENTITY"))
                .extract()
                .path("message");
        assertThat(message)
                .isEqualTo("sql: SQL data sources are not available: their database connections are not"
                        + " logged in as suite_export_reader (see the service log)");
        assertThat(Sql.singleLong(dataSource, "SELECT count(*) FROM exporter_sql_data_source"))
                .isZero();
        as(admin)
                .get("/exporter/data-sources/sampleAppointments/preview?limit=1")
                .then()
                .statusCode(200);
    }
}
