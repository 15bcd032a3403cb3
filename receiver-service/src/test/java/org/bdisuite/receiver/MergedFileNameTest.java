package org.bdisuite.receiver;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.bdisuite.model.Roles;
import org.bdisuite.test.EmbeddedPostgresResource;
import org.bdisuite.test.Sql;
import org.bdisuite.test.TestUsers;
import org.bdisuite.test.TestUsers.TestUser;
import org.junit.jupiter.api.Test;

/** suite.receiver.merged-file-name names the merged files, and the hand-over lists them under that name. */
@QuarkusTest
@TestProfile(MergedFileNameTest.OtherName.class)
@WithTestResource(EmbeddedPostgresResource.class)
class MergedFileNameTest {

    public static class OtherName implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("suite.receiver.merged-file-name", "merged-{interface}.dat");
        }
    }

    @Inject
    DataSource dataSource;

    @Test
    void mergedFilesAreNamedByThePatternAndListedInTheHandOver() throws Exception {
        TestUser sender = TestUsers.create(dataSource, "merged-name-sender", Roles.OPERATOR);
        Path base = Path.of("target/merged-name").toAbsolutePath();
        Sql.execute(
                dataSource,
                "INSERT INTO bdi_receiver_options (interface_module, interface_short_name, base_folder,"
                        + " merge_strategy) VALUES ('Diff_Fnd', 'Named', '" + base + "', 'MERGE_TO_PARTITION_LEVEL')");
        var as = (java.util.function.Supplier<io.restassured.specification.RequestSpecification>) () -> given().auth()
                .preemptive()
                .basic(sender.username(), sender.password())
                .urlEncodingEnabled(false);
        as.get()
                .post("/receiver/beginTransaction/Tx%2391/Diff_Fnd/RMS/rms/1/FULL/1468251927356")
                .then()
                .statusCode(200);
        as.get()
                .post("/receiver/beginTransmission/Tx%2391/N1/RMS/Diff_Fnd/Named/1/1/2/1")
                .then()
                .statusCode(200);
        as.get()
                .contentType("text/csv")
                .body("1,a\n2,b\n")
                .post("/receiver/uploadDataBlock/Tx%2391/N1/RMS/Diff_Fnd/Named/1/2")
                .then()
                .statusCode(200);
        as.get()
                .post("/receiver/endTransmission/N1/RMS/Diff_Fnd/Named/1")
                .then()
                .statusCode(200);
        as.get().post("/receiver/endTransaction/Tx%2391/RMS/Diff_Fnd").then().statusCode(200);

        Path merged = base.resolve("bdi-data/Tx#91/N1/merged-Named.dat");
        assertThat(merged).hasContent("1,a\n2,b");
        assertThat(base.resolve("bdi-data/Tx#91/N1/Named.csv")).doesNotExist();
        assertThat(Sql.column(
                        dataSource,
                        "SELECT f.file_path || '|' || f.row_count FROM bdi_upldr_data_set_file f"
                                + " JOIN bdi_upldr_iface_mod_data_ctl u USING (uploader_iface_mod_data_ctlid)"
                                + " WHERE u.remote_transaction_id = 'Tx#91'"))
                .isEqualTo(List.of(merged + "|2"));
    }
}
