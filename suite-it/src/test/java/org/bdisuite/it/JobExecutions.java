package org.bdisuite.it;

import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.util.function.Supplier;

/** Waits on batch-admin's job executions the way every test of packaged services does. */
final class JobExecutions {

    private static final long WAIT_NANOS = 180_000_000_000L;

    private JobExecutions() {}

    /**
     * Polls the execution until it reaches {@code status}; fails as soon as it ends in another status. The bound
     * only turns a hang into a failure.
     */
    static JsonPath await(Supplier<RequestSpecification> batchAdmin, long executionId, String status)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (true) {
            JsonPath execution = batchAdmin
                    .get()
                    .get("/batch/jobs/executions/" + executionId)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            String now = execution.getString("executionStatus");
            if (status.equals(now)) {
                return execution;
            }
            if (System.nanoTime() > deadline || (!now.startsWith("START") && !now.equals("STOPPING"))) {
                throw new AssertionError("Execution " + executionId + " is " + now + " ("
                        + execution.getString("exitStatus") + "), expected " + status);
            }
            Thread.sleep(100);
        }
    }
}
