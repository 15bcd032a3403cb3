package org.bdisuite.receiver;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Map;
import javax.sql.DataSource;
import org.bdisuite.model.Roles;
import org.bdisuite.test.EmbeddedPostgresResource;
import org.bdisuite.test.Sql;
import org.bdisuite.test.TestUsers;
import org.bdisuite.test.TestUsers.TestUser;
import org.junit.jupiter.api.Test;

/** The scheduled job, not only the service: with a 5-second lifetime a transaction left open is expired on its own. */
@QuarkusTest
@TestProfile(ExpiryScheduleTest.ShortLifetime.class)
@WithTestResource(EmbeddedPostgresResource.class)
class ExpiryScheduleTest {

    public static class ShortLifetime implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("suite.receiver.expiry.after", "PT5S", "suite.receiver.expiry.check-interval", "1s");
        }
    }

    @Inject
    DataSource dataSource;

    @Test
    void transactionLeftOpenIsExpiredByTheJob() throws Exception {
        TestUser sender = TestUsers.create(dataSource, "schedule-sender", Roles.OPERATOR);
        RequestSpecification asSender = given().auth()
                .preemptive()
                .basic(sender.username(), sender.password())
                .urlEncodingEnabled(false);
        OpenTransmission open = OpenTransmission.begin(() -> asSender, "expiry-job");
        asSender.body("1,a\n").post(open.upload(1, 1)).then().statusCode(200);
        Path folder = Path.of(Sql.single(
                        dataSource,
                        "SELECT dir FROM bdi_receiver_transmission WHERE transmission_id = '" + open.transmissionId()
                                + "'"))
                .getParent();
        String status = "SELECT receiver_transaction_status FROM bdi_receiver_transaction WHERE transaction_id = '"
                + open.transactionId().replace("%23", "#") + "'";

        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!Sql.single(dataSource, status).equals("EXPIRED") && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(Sql.single(dataSource, status)).isEqualTo("EXPIRED");
        assertThat(folder).doesNotExist();
    }
}
