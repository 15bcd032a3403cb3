package org.bdisuite.batchadmin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bdisuite.batchadmin.BatchApi.as;
import static org.bdisuite.batchadmin.BatchApi.awaitStatus;
import static org.bdisuite.batchadmin.BatchApi.start;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.sql.DataSource;
import org.bdisuite.batchadmin.service.JobCatalog;
import org.bdisuite.model.Roles;
import org.bdisuite.test.EmbeddedPostgresResource;
import org.bdisuite.test.Sql;
import org.bdisuite.test.TestUsers;
import org.bdisuite.test.TestUsers.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Job XMLs of the setup-data folder (suite.batch.setup-data-dir/batch-jobs): a job that exists only there runs,
 * with the listeners every packaged job gets; a folder file of a packaged job's name replaces that job.
 */
@QuarkusTest
@TestProfile(SetupDataJobsTest.WithSetupDataFolder.class)
@WithTestResource(EmbeddedPostgresResource.class)
class SetupDataJobsTest {

    /** A setup-data folder written before the service starts, as an installation (or a ConfigMap) holds it. */
    public static class WithSetupDataFolder implements QuarkusTestProfile {

        static final Path FOLDER = Path.of("target/setup-data-jobs-test").toAbsolutePath();

        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Path jobs = Files.createDirectories(FOLDER.resolve("batch-jobs"));
                Files.writeString(jobs.resolve("Folder_Only_Job.xml"), job("Folder_Only_Job", "from-folder"));
                Files.writeString(jobs.resolve("quick-test-job.xml"), job("quick-test-job", "overridden"));
                // Not a job file: ConfigMap mounts keep hidden links beside the keys.
                Files.writeString(jobs.resolve(".hidden.xml"), "not a job");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of("suite.batch.setup-data-dir", FOLDER.toString());
        }

        private static String job(String id, String step) {
            return """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <job id="%s" xmlns="https://jakarta.ee/xml/ns/jakartaee" version="2.0">
                        <step id="%s">
                            <batchlet ref="quickBatchlet"/>
                        </step>
                    </job>
                    """.formatted(id, step);
        }
    }

    @Inject
    DataSource dataSource;

    @Inject
    JobCatalog catalog;

    private TestUser operator;

    @BeforeEach
    void users() {
        operator = TestUsers.create(dataSource, "setup-data-operator", Roles.OPERATOR);
    }

    private String stepOf(long execution) throws Exception {
        return Sql.single(dataSource, "SELECT stepname FROM step_execution WHERE jobexecutionid = " + execution);
    }

    @Test
    void aJobOnlyInTheFolderRunsWithTheListenersOfEveryJob() throws Exception {
        assertThat(as(operator)
                        .get("/batch/jobs")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString())
                .contains("Folder_Only_Job");

        long execution = start(operator, "Folder_Only_Job", null);

        awaitStatus(operator, execution, "COMPLETED");
        assertThat(stepOf(execution)).isEqualTo("from-folder");
        assertThat(catalog.find("Folder_Only_Job").orElseThrow().getListeners().getListeners())
                .extracting(listener -> listener.getRef())
                .contains("executionLeaseListener");
        assertThat(catalog.find(".hidden")).isEmpty();
    }

    @Test
    void aFolderFileReplacesThePackagedJobOfItsName() throws Exception {
        long execution = start(operator, "quick-test-job", null);

        awaitStatus(operator, execution, "COMPLETED");
        assertThat(stepOf(execution)).isEqualTo("overridden");
    }
}
