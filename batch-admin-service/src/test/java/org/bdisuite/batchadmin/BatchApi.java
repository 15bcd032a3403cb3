package org.bdisuite.batchadmin;

import static io.restassured.RestAssured.given;

import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.util.function.BooleanSupplier;
import org.bdisuite.test.TestUsers.TestUser;

/** The Batch Service as tests call it. */
final class BatchApi {

    private BatchApi() {}

    static RequestSpecification as(TestUser user) {
        return given().auth().preemptive().basic(user.username(), user.password());
    }

    static long start(TestUser user, String jobName, String jobParameters) {
        RequestSpecification request = as(user);
        if (jobParameters != null) {
            request = request.queryParam("jobParameters", jobParameters);
        }
        return request.post("/batch/jobs/" + jobName)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("executionId");
    }

    static JsonPath execution(TestUser user, long executionId) {
        return as(user).get("/batch/jobs/executions/" + executionId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    static JsonPath awaitStatus(TestUser user, long executionId, String status) {
        awaitTrue(
                "execution " + executionId + " to be " + status,
                () -> status.equals(execution(user, executionId).getString("executionStatus")));
        return execution(user, executionId);
    }

    /** Polls until the condition holds; a bound only so that a broken run fails instead of hanging. */
    static void awaitTrue(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Gave up waiting for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
