package org.bdisuite.batchadmin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.bdisuite.batchadmin.BatchApi.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.bdisuite.batchadmin.service.Credentials;
import org.bdisuite.model.Roles;
import org.bdisuite.test.EmbeddedPostgresResource;
import org.bdisuite.test.Sql;
import org.bdisuite.test.TestUsers;
import org.bdisuite.test.TestUsers.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** System Setting Service: system options, receiver options and sealed credentials, with their roles and bad input. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class SystemSettingTest {

    @Inject
    DataSource dataSource;

    @Inject
    Credentials credentials;

    private TestUser admin;
    private TestUser operator;
    private TestUser monitor;

    @BeforeEach
    void users() {
        admin = TestUsers.create(dataSource, "settings-admin", Roles.ADMIN);
        operator = TestUsers.create(dataSource, "settings-operator", Roles.OPERATOR);
        monitor = TestUsers.create(dataSource, "settings-monitor", Roles.MONITOR);
    }

    @Test
    void anAdministratorChangesReceiverMaxNumBlocksWhichTheReceiverReadsPerRequest() throws SQLException {
        as(monitor)
                .get("/system-setting/system-options")
                .then()
                .statusCode(200)
                .body("systemOptionVo.name", hasItem("receiverMaxNumBlocks"));
        as(admin)
                .contentType(ContentType.JSON)
                .body("{\"value\":\"250\"}")
                .put("/system-setting/system-options/receiverMaxNumBlocks")
                .then()
                .statusCode(200)
                .body("name", equalTo("receiverMaxNumBlocks"))
                .body("value", equalTo("250"));
        assertThat(optionValue()).isEqualTo("250");
        as(monitor)
                .accept("application/xml")
                .get("/system-setting/system-options/receiverMaxNumBlocks")
                .then()
                .statusCode(200)
                .body(startsWith("<systemOptionVo>"));

        for (String bad : new String[] {"0", "-5", "many", "", "99999999999"}) {
            as(admin)
                    .contentType(ContentType.JSON)
                    .body("{\"value\":\"" + bad + "\"}")
                    .put("/system-setting/system-options/receiverMaxNumBlocks")
                    .then()
                    .statusCode(400)
                    .body("errors[0].field", equalTo("value"));
        }
        as(admin)
                .contentType(ContentType.JSON)
                .body("{}")
                .put("/system-setting/system-options/receiverMaxNumBlocks")
                .then()
                .statusCode(400);
        as(operator)
                .contentType(ContentType.JSON)
                .body("{\"value\":\"7\"}")
                .put("/system-setting/system-options/receiverMaxNumBlocks")
                .then()
                .statusCode(403);
        as(admin)
                .contentType(ContentType.JSON)
                .body("{\"value\":\"7\"}")
                .put("/system-setting/system-options/noSuchOption")
                .then()
                .statusCode(404);
        assertThat(optionValue()).isEqualTo("250");
        as(admin)
                .contentType(ContentType.JSON)
                .body("{\"value\":\"10000\"}")
                .put("/system-setting/system-options/receiverMaxNumBlocks")
                .then()
                .statusCode(200);
    }

    @Test
    void receiverOptionsArePerInterfaceAndValidated() throws SQLException {
        as(admin)
                .contentType(ContentType.JSON)
                .body("{\"baseFolder\":\"/srv/bdi/east\",\"mergeStrategy\":\"MERGE_TO_INTERFACE_LEVEL\"}")
                .put("/system-setting/receiver-options/Settings_Fnd/Item")
                .then()
                .statusCode(200)
                .body("baseFolder", equalTo("/srv/bdi/east"))
                .body("mergeStrategy", equalTo("MERGE_TO_INTERFACE_LEVEL"))
                .body("folderTemplate", equalTo("${basefolder}/${TxId}/${TId}/${BId}/"));
        as(admin)
                .contentType(ContentType.JSON)
                .body("{\"baseFolder\":\"/srv/bdi/west\",\"mergeStrategy\":\"NO_MERGE\"}")
                .put("/system-setting/receiver-options/Settings_Fnd/Item")
                .then()
                .statusCode(200);
        assertThat(Sql.single(
                        dataSource,
                        "SELECT base_folder || ' ' || merge_strategy FROM bdi_receiver_options"
                                + " WHERE interface_module = 'Settings_Fnd' AND interface_short_name = 'Item'"))
                .isEqualTo("/srv/bdi/west NO_MERGE");
        as(monitor)
                .get("/system-setting/receiver-options")
                .then()
                .statusCode(200)
                .body("receiverOptionVo.interfaceShortName", hasItem("Item"));
        as(monitor)
                .get("/system-setting/receiver-options/Settings_Fnd/Item")
                .then()
                .statusCode(200);
        as(monitor)
                .get("/system-setting/receiver-options/Settings_Fnd/Nothing")
                .then()
                .statusCode(404);

        String[] bad = {
            "{\"baseFolder\":\"relative/path\",\"mergeStrategy\":\"NO_MERGE\"}",
            "{\"baseFolder\":\"/srv/../etc\",\"mergeStrategy\":\"NO_MERGE\"}",
            "{\"baseFolder\":\"/srv/x\",\"mergeStrategy\":\"MERGE_EVERYTHING\"}",
            "{\"baseFolder\":\"\",\"mergeStrategy\":\"NO_MERGE\"}",
        };
        for (String body : bad) {
            as(admin)
                    .contentType(ContentType.JSON)
                    .body(body)
                    .put("/system-setting/receiver-options/Settings_Fnd/Other")
                    .then()
                    .statusCode(400);
        }
        as(admin)
                .contentType(ContentType.JSON)
                .body("{\"baseFolder\":\"/srv/x\",\"mergeStrategy\":\"NO_MERGE\"}")
                .put("/system-setting/receiver-options/..%2Fx/Other")
                .then()
                .statusCode(400);
        as(operator)
                .contentType(ContentType.JSON)
                .body("{\"baseFolder\":\"/srv/x\",\"mergeStrategy\":\"NO_MERGE\"}")
                .put("/system-setting/receiver-options/Settings_Fnd/Other")
                .then()
                .statusCode(403);
        assertThat(Sql.singleLong(
                        dataSource, "SELECT count(*) FROM bdi_receiver_options WHERE interface_short_name = 'Other'"))
                .isZero();
    }

    @Test
    void credentialsAreSealedAtRestNeverReturnedAndForAdministratorsOnly() throws SQLException {
        String secret = "receiver-secret-Pa55word";
        String stored = as(admin)
                .contentType(ContentType.JSON)
                .body("{\"username\":\"transporter\",\"password\":\"" + secret
                        + "\",\"description\":\"east receiver\"}")
                .put("/system-setting/credentials/receiver-east")
                .then()
                .statusCode(200)
                .body("name", equalTo("receiver-east"))
                .body("username", equalTo("transporter"))
                .body("passwordSet", equalTo(true))
                .body("$", not(org.hamcrest.Matchers.hasKey("password")))
                .extract()
                .asString();
        assertThat(stored).doesNotContain(secret);

        String sealed =
                Sql.single(dataSource, "SELECT sealed_password FROM bdi_credential WHERE name = 'receiver-east'");
        assertThat(sealed).startsWith("v1:").doesNotContain(secret);
        assertThat(credentials.open("receiver-east").password()).isEqualTo(secret);
        assertThat(credentials.open("receiver-east").toString()).doesNotContain(secret);

        assertThat(as(admin)
                        .get("/system-setting/credentials")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString())
                .contains("receiver-east")
                .doesNotContain(secret)
                .doesNotContain(sealed);
        assertThat(as(admin)
                        .accept("application/xml")
                        .get("/system-setting/credentials/receiver-east")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString())
                .startsWith("<credentialVo>")
                .doesNotContain(secret);

        as(operator).get("/system-setting/credentials").then().statusCode(403);
        as(monitor)
                .get("/system-setting/credentials/receiver-east")
                .then()
                .statusCode(403)
                .body("status", equalTo("FORBIDDEN"));
        as(operator)
                .contentType(ContentType.JSON)
                .body("{\"username\":\"mallory\",\"password\":\"x\"}")
                .put("/system-setting/credentials/receiver-east")
                .then()
                .statusCode(403);
        as(operator).delete("/system-setting/credentials/receiver-east").then().statusCode(403);
        given().get("/system-setting/credentials").then().statusCode(401);
        assertThat(Sql.single(dataSource, "SELECT username FROM bdi_credential WHERE name = 'receiver-east'"))
                .isEqualTo("transporter");

        as(admin)
                .contentType(ContentType.JSON)
                .body("{\"username\":\"transporter\"}")
                .put("/system-setting/credentials/receiver-east")
                .then()
                .statusCode(400);
        as(admin)
                .contentType(ContentType.JSON)
                .body("{\"username\":\"u\",\"password\":\"p\"}")
                .put("/system-setting/credentials/bad name")
                .then()
                .statusCode(400);
        as(admin).get("/system-setting/credentials/unknown").then().statusCode(404);
        assertThat(credentials.open("receiver-east").password()).isEqualTo(secret);

        as(admin).delete("/system-setting/credentials/receiver-east").then().statusCode(204);
        assertThat(Sql.singleLong(dataSource, "SELECT count(*) FROM bdi_credential WHERE name = 'receiver-east'"))
                .isZero();
    }

    private String optionValue() throws SQLException {
        return Sql.single(
                dataSource,
                "SELECT variable_value FROM bdi_system_options WHERE variable_name = 'receiverMaxNumBlocks'");
    }
}
