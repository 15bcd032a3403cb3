package org.bdisuite.it.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.bdisuite.it.SuiteUnderTest;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The auth matrix, generated from the stored contracts (docs/openapi/*.yaml): every operation is called with no
 * credentials, with a wrong password, and as each of the four roles, and answers 401, 401, and then 403 or
 * "allowed" (not 401, not a 5xx, and no 403 of the role check: a 403 with an error code is a rule about the
 * resource, such as another sender's receiver transaction) exactly as its {@code x-roles} say. An operation without
 * {@code x-roles} (and not health) must still refuse the first two with 401. A new operation is covered by the
 * next build without a test written for it.
 * <p>
 * Each call fills the path parameters with well-formed values naming resources that do not exist
 * ({@link PlausibleValues}), so an allowed call may answer 400, 404 or 409, and none of them deletes, demotes or
 * re-passwords the matrix's own users. The wrong-password calls name a user of their own.
 */
class AuthMatrixIT {

    private final ContractHttp http = new ContractHttp();

    @TestFactory
    Stream<DynamicNode> everyOperationAnswersEachCallerAsItsRolesSay() {
        SuiteUnderTest suite = SuiteUnderTest.get();
        List<DynamicNode> services = new ArrayList<>();
        for (String service : SuiteUnderTest.SERVICES) {
            List<DynamicNode> operations = new ArrayList<>();
            for (ContractOperation operation : ContractOperation.of(service)) {
                operations.add(DynamicContainer.dynamicContainer(operation.toString(), calls(suite, operation)));
            }
            services.add(DynamicContainer.dynamicContainer(service, operations));
        }
        return services.stream();
    }

    private Stream<DynamicTest> calls(SuiteUnderTest suite, ContractOperation operation) {
        ContractHttp.Call call = ContractCalls.plausible(operation);
        List<DynamicTest> tests = new ArrayList<>();
        if (operation.isHealth()) {
            tests.add(DynamicTest.dynamicTest(
                    "no credentials -> not 401",
                    () -> assertThat(send(suite, operation, call, null).status())
                            .isNotEqualTo(401)));
            return tests.stream();
        }
        tests.add(DynamicTest.dynamicTest(
                "no credentials -> 401",
                () -> expectRefused(send(suite, operation, call, null), 401, operation, call, "no credentials")));
        tests.add(DynamicTest.dynamicTest(
                "wrong password -> 401",
                () -> expectRefused(
                        send(suite, operation, call, SuiteUnderTest.WRONG_PASSWORD.basic()),
                        401,
                        operation,
                        call,
                        "a wrong password")));
        if (operation.roles().isEmpty()) {
            return tests.stream();
        }
        for (String role : SuiteUnderTest.ROLES) {
            SuiteUnderTest.Credentials user = suite.roleUser(role);
            if (operation.roles().contains(role)) {
                tests.add(DynamicTest.dynamicTest(role + " -> allowed", () -> {
                    ContractHttp.Answer answer = send(suite, operation, call, user.basic());
                    assertThat(answer.status())
                            .as(
                                    "%s %s as %s (allowed by x-roles %s): %s%n%s",
                                    operation.service(), operation, role, operation.roles(), answer, call)
                            .isNotEqualTo(401)
                            .isLessThan(500);
                    assertThat(answer.status() == 403 && !refusedByARule(answer))
                            .as(
                                    "%s %s as %s (allowed by x-roles %s) was refused for its role: %s%n%s",
                                    operation.service(), operation, role, operation.roles(), answer, call)
                            .isFalse();
                }));
            } else {
                tests.add(DynamicTest.dynamicTest(
                        role + " -> 403",
                        () -> expectRefused(send(suite, operation, call, user.basic()), 403, operation, call, role)));
            }
        }
        return tests.stream();
    }

    /**
     * A 403 with an error code (not-transaction-owner, say) comes from a rule about the resource, after the role
     * check passed; the role check's own 403 has none.
     */
    private static boolean refusedByARule(ContractHttp.Answer answer) {
        try {
            com.fasterxml.jackson.databind.JsonNode code = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(answer.body())
                    .get("code");
            return code != null && !code.asText().isBlank();
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private ContractHttp.Answer send(
            SuiteUnderTest suite, ContractOperation operation, ContractHttp.Call call, String authorization) {
        return http.send(suite.uri(operation.service()), call, authorization);
    }

    private static void expectRefused(
            ContractHttp.Answer answer,
            int status,
            ContractOperation operation,
            ContractHttp.Call call,
            String caller) {
        assertThat(answer.status())
                .as(
                        "%s %s with %s (x-roles %s): %s%n%s",
                        operation.service(), operation, caller, operation.roles(), answer, call)
                .isEqualTo(status);
        assertThat(ErrorBodyCheck.problem(answer))
                .as("error body of %s %s with %s: %s", operation.service(), operation, caller, answer)
                .isEmpty();
    }
}
