package org.bdisuite.it.contract;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.models.media.Schema;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bdisuite.it.SuiteUnderTest;

/**
 * Resources that exist before the fuzz starts, so that its well-formed values reach past "not found" into the
 * code behind: an open receiver transaction with a transmission (for the seeded interface Diff_Fnd / Diff), and
 * an exporter schedule made from the contract's own example of a schedule request (with the SFTP details it names,
 * pointing at a closed loopback port). Their names are among the
 * fuzz's well-formed values, per service and parameter name. No user name is: the fuzz must not change the
 * users it and the matrix sign in as.
 */
final class FuzzFixtures {

    static final String TRANSACTION = "Tx-fuzz-1";
    static final String TRANSMISSION = "Tm-fuzz-1";

    private static Map<String, Map<String, List<String>>> values;

    private FuzzFixtures() {}

    /** Existing names by parameter name, for the service's operations (made on first use). */
    static synchronized Map<String, List<String>> of(String service) {
        if (values == null) {
            values = create(SuiteUnderTest.get());
        }
        return values.getOrDefault(service, Map.of());
    }

    private static Map<String, Map<String, List<String>>> create(SuiteUnderTest suite) {
        ContractHttp http = new ContractHttp();
        Map<String, List<String>> receiver = new HashMap<>(Map.of(
                "interfaceModule",
                List.of("Diff_Fnd"),
                "interfaceShortName",
                List.of("Diff"),
                "sourceSystemName",
                List.of("RMS"),
                "transactionId",
                List.of(TRANSACTION),
                "transmissionId",
                List.of(TRANSMISSION),
                "dataSetType",
                List.of("FULL", "PARTIAL")));
        expect(
                http.send(
                        suite.uri("receiver-service"),
                        new ContractHttp.Call(
                                "POST",
                                "/receiver/beginTransaction/" + TRANSACTION
                                        + "/Diff_Fnd/RMS/rms/1/FULL/2026-01-01T00:00:00Z",
                                Map.of(),
                                null),
                        suite.admin()),
                200);
        expect(
                http.send(
                        suite.uri("receiver-service"),
                        new ContractHttp.Call(
                                "POST",
                                "/receiver/beginTransmission/" + TRANSACTION + "/" + TRANSMISSION
                                        + "/RMS/Diff_Fnd/Diff/P1/1/1000000/1",
                                Map.of(),
                                null),
                        suite.admin()),
                200);

        Map<String, List<String>> exporter = new HashMap<>(Map.of("name", List.of("sampleAppointments")));
        // The SFTP details the contract's schedule example names; nothing listens on port 1 of the loopback.
        String sftp = "{\"key\":\"local-sftp\",\"host\":\"127.0.0.1\",\"port\":1,\"username\":\"fuzz\","
                + "\"password\":\"fuzz-sftp-password\",\"remoteDirectory\":\"/upload\","
                + "\"hostKeyFingerprint\":\"SHA256:" + "A".repeat(43) + "\"}";
        expect(
                http.send(
                        suite.uri("exporter-service"),
                        new ContractHttp.Call(
                                "POST",
                                "/exporter/sftp-details",
                                Map.of("Content-Type", "application/json", "Accept", "application/json"),
                                sftp.getBytes(StandardCharsets.UTF_8)),
                        suite.admin()),
                201);
        ContractOperation create = ContractOperation.of("exporter-service").stream()
                .filter(operation ->
                        "POST".equals(operation.method()) && "/exporter/schedules".equals(operation.path()))
                .findFirst()
                .orElse(null);
        Schema<?> schedule = create == null ? null : create.bodies().get("application/json");
        if (schedule != null
                && schedule.getExamples() != null
                && !schedule.getExamples().isEmpty()) {
            String body = JsonText.write(
                    new ObjectMapper().convertValue(schedule.getExamples().get(0), Object.class));
            ContractHttp.Answer answer = http.send(
                    suite.uri("exporter-service"),
                    new ContractHttp.Call(
                            "POST",
                            "/exporter/schedules",
                            Map.of("Content-Type", "application/json", "Accept", "application/json"),
                            body.getBytes(StandardCharsets.UTF_8)),
                    suite.admin());
            expect(answer, 201);
            try {
                exporter.put(
                        "businessKey",
                        List.of(new ObjectMapper()
                                .readTree(answer.body())
                                .get("businessKey")
                                .asText()));
            } catch (java.io.IOException e) {
                throw new IllegalStateException("No business key in " + answer, e);
            }
        }
        Map<String, List<String>> batch =
                Map.of("interfaceModule", List.of("Diff_Fnd"), "interfaceShortName", List.of("Diff"));
        return Map.of("receiver-service", receiver, "exporter-service", exporter, "batch-admin-service", batch);
    }

    private static void expect(ContractHttp.Answer answer, int status) {
        if (answer.status() != status) {
            throw new IllegalStateException("Could not make a fuzz fixture: " + answer);
        }
    }
}
