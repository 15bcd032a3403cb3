package org.bdisuite.batchadmin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bdisuite.batchadmin.BatchApi.as;
import static org.bdisuite.batchadmin.BatchApi.awaitStatus;
import static org.bdisuite.batchadmin.BatchApi.start;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import org.bdisuite.model.Roles;
import org.bdisuite.test.EmbeddedPostgresResource;
import org.bdisuite.test.Sql;
import org.bdisuite.test.TestUsers;
import org.bdisuite.test.TestUsers.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every job parameter is checked before a job starts or restarts: a name the job does not read, or a value out of
 * its type or range, is a 400 naming the parameter, and no job instance or execution is made. The fault hooks of
 * tests are not parameters of the production jobs.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class JobParameterRulesTest {

    private static final String EXTRACTOR = "Diff_Fnd_ExtractorJob";
    private static final String TRANSPORTER = "Diff_Fnd_DownloaderAndTransporterJob";
    private static final String IMPORTER = "Diff_Fnd_ImporterJob";

    @Inject
    DataSource dataSource;

    private TestUser operator;

    @BeforeEach
    void users() {
        operator = TestUsers.create(dataSource, "parameters-operator", Roles.OPERATOR);
    }

    @Test
    void aValueOutOfItsTypeOrRangeIs400NamingTheParameterAndStartsNothing() throws SQLException {
        long instances = instances();
        Map<String, String> bad = Map.ofEntries(
                Map.entry("itemCount=0", "itemCount"),
                Map.entry("itemCount=100001", "itemCount"),
                Map.entry("itemCount=2147483648", "itemCount"),
                Map.entry("itemCount=99999999999999999999999", "itemCount"),
                Map.entry("itemCount=abc", "itemCount"),
                Map.entry("itemCount=1e3", "itemCount"),
                Map.entry("itemCount=-5", "itemCount"),
                Map.entry("itemCount=", "itemCount"),
                Map.entry("fetchSize=0", "fetchSize"),
                Map.entry("partitions=1001", "partitions"),
                Map.entry("partitions=007", "partitions"),
                Map.entry("dataSetType=full", "dataSetType"),
                Map.entry("dataSetType=DELTA", "dataSetType"));
        bad.forEach((parameters, name) -> as(operator)
                .queryParam("jobParameters", parameters)
                .post("/batch/jobs/" + EXTRACTOR)
                .then()
                .statusCode(400)
                .body("status", equalTo("BAD_REQUEST"))
                .body("code", equalTo("invalid-job-parameter"))
                .body("errors[0].field", equalTo("jobParameters." + name))
                .body("message", containsString("jobParameters." + name)));
        as(operator)
                .queryParam("jobParameters", "dataSetId=0")
                .post("/batch/jobs/" + TRANSPORTER)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("jobParameters.dataSetId"));
        as(operator)
                .queryParam("jobParameters", "sourceSystemName=../etc")
                .post("/batch/jobs/" + TRANSPORTER)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("jobParameters.sourceSystemName"));
        as(operator)
                .queryParam("jobParameters", "dataSetId=x1")
                .post("/batch/jobs/" + IMPORTER)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("jobParameters.dataSetId"));
        as(operator)
                .accept("application/xml")
                .queryParam("jobParameters", "itemCount=0")
                .post("/batch/jobs/" + EXTRACTOR)
                .then()
                .statusCode(400)
                .body(startsWith("<exceptionVo>"), containsString("jobParameters.itemCount"));
        assertThat(instances()).isEqualTo(instances);
    }

    @Test
    void aNameTheJobDoesNotReadIs400AndTheTestFaultHooksAreNotParametersOfProductionJobs() throws SQLException {
        long instances = instances();
        as(operator)
                .queryParam("jobParameters", "partitions=2,failAfterRows=10")
                .post("/batch/jobs/" + EXTRACTOR)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("jobParameters.failAfterRows"))
                .body("errors[0].message", containsString("is not a parameter of job " + EXTRACTOR));
        as(operator)
                .queryParam("jobParameters", "failAfterBlocks=1")
                .post("/batch/jobs/" + TRANSPORTER)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("jobParameters.failAfterBlocks"));
        as(operator)
                .queryParam("jobParameters", "failAfterFiles=1")
                .post("/batch/jobs/" + IMPORTER)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("jobParameters.failAfterFiles"));
        as(operator)
                .queryParam("jobParameters", "itemCount=10")
                .post("/batch/jobs/quick-test-job")
                .then()
                .statusCode(400)
                .body("errors[0].message", containsString("it takes none"));
        as(operator)
                .queryParam("jobParameters", "itemCount=0,partitions=2,bogus=1,fetchSize=x")
                .post("/batch/jobs/" + EXTRACTOR)
                .then()
                .statusCode(400)
                .body(
                        "errors.field",
                        hasItems("jobParameters.itemCount", "jobParameters.bogus", "jobParameters.fetchSize"))
                .body("errors.size()", equalTo(3));
        assertThat(instances()).isEqualTo(instances);
    }

    @Test
    void aRestartWithABadParameterIs400AndMakesNoExecution() throws SQLException {
        long failed = start(operator, "fail-at-item-test-job", "dataSetId=5");
        awaitStatus(operator, failed, "FAILED");
        long executions = Sql.singleLong(dataSource, "SELECT count(*) FROM job_execution");
        as(operator)
                .queryParam("jobParameters", "dataSetId=-1")
                .post("/batch/jobs/executions/" + failed)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("jobParameters.dataSetId"));
        as(operator)
                .queryParam("jobParameters", "count=1000000")
                .post("/batch/jobs/executions/" + failed)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("jobParameters.count"));
        assertThat(Sql.singleLong(dataSource, "SELECT count(*) FROM job_execution"))
                .isEqualTo(executions);
    }

    private long instances() throws SQLException {
        return Sql.singleLong(dataSource, "SELECT count(*) FROM job_instance");
    }
}
