package org.bdisuite.it.contract;

import org.bdisuite.it.SuiteUnderTest;
import io.swagger.v3.oas.models.media.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import org.bdisuite.it.contract.ContractCalls.FuzzCall;

/**
 * The contract-driven fuzz: for each service, requests generated from the operations of its stored contract
 * (docs/openapi/*.yaml), their parameters and body schemas, with well-formed, boundary and hostile values
 * ({@link FuzzValues}, {@link FuzzBodies}), sent as an admin so that they get past authentication. Each answer
 * must be below 500, one of the statuses the operation declares, and for a 4xx the suite's error body
 * ({@link ErrorBodyCheck}).
 * <p>
 * jqwik's own edge cases are off: they would pile the requests onto a few operations, and the boundary values
 * are among the generated ones anyway.
 * <p>
 * A path value that may reach another route (an empty segment, dots, an unencoded traversal, the literal segment
 * of another path) is held to what the whole contract declares, plus 404 and 405.
 * <p>
 * Requests per service: one a try, {@code -Dfuzz.tries=N} (2,000 in the build; the {@code fuzz-long} profile sends
 * 20,000; suite-it/pom.xml hands it to jqwik as {@code jqwik.tries.default}). A failure prints its request and
 * jqwik's seed; the next run tries the failed sample first (jqwik's database under target/), and
 * {@code @Property(seed = "<seed>")} replays the whole run. {@code -Dfuzz.survey=true} lists all findings of a run,
 * grouped by operation, status and problem with one example request each, instead of stopping at the first.
 */
class ContractFuzzIT {

    /** -Dfuzz.survey=true: list every finding (grouped, one example each) at the end instead of failing on the first. */
    private static final boolean SURVEY = Boolean.getBoolean("fuzz.survey");

    private final ContractHttp http = new ContractHttp();

    @Property(edgeCases = EdgeCasesMode.NONE)
    void receiverServiceAnswersAsItsContractSays(@ForAll("receiver-service") FuzzCall call) {
        check(call);
    }

    @Property(edgeCases = EdgeCasesMode.NONE)
    void batchAdminServiceAnswersAsItsContractSays(@ForAll("batch-admin-service") FuzzCall call) {
        check(call);
    }

    @Property(edgeCases = EdgeCasesMode.NONE)
    void exporterServiceAnswersAsItsContractSays(@ForAll("exporter-service") FuzzCall call) {
        check(call);
    }

    @Provide("receiver-service")
    Arbitrary<FuzzCall> receiverCalls() {
        return calls("receiver-service");
    }

    @Provide("batch-admin-service")
    Arbitrary<FuzzCall> batchAdminCalls() {
        return calls("batch-admin-service");
    }

    @Provide("exporter-service")
    Arbitrary<FuzzCall> exporterCalls() {
        return calls("exporter-service");
    }

    @AfterContainer
    static void report() {
        FuzzTally.report();
    }

    private static Arbitrary<FuzzCall> calls(String service) {
        List<ContractOperation> operations = ContractOperation.of(service);
        List<String> literalSegments = ContractCalls.literalSegments(operations);
        List<Schema<?>> jsonSchemas = new ArrayList<>();
        operations.forEach(operation -> operation.bodies().forEach((type, schema) -> {
            if ("application/json".equals(type) && schema != null) {
                jsonSchemas.add(schema);
            }
        }));
        List<Arbitrary<FuzzCall>> perOperation = new ArrayList<>();
        for (ContractOperation operation : operations) {
            perOperation.add(ContractCalls.fuzz(operation, literalSegments, jsonSchemas, FuzzFixtures.of(service)));
        }
        return Arbitraries.oneOf(perOperation);
    }

    private void check(FuzzCall fuzzCall) {
        SuiteUnderTest suite = SuiteUnderTest.get();
        ContractOperation operation = fuzzCall.operation();
        long started = System.nanoTime();
        ContractHttp.Answer answer = http.send(suite.uri(operation.service()), fuzzCall.call(), suite.admin());
        FuzzTally.record(operation, answer.status(), (System.nanoTime() - started) / 1_000_000);
        List<String> problems = new ArrayList<>();
        if (answer.status() >= 500) {
            problems.add("a server error");
        }
        Set<Integer> expected = expectedStatuses(fuzzCall);
        if (!expected.contains(answer.status())) {
            problems.add("status " + answer.status() + " is not declared " + (fuzzCall.routeMayChange()
                    ? "by any operation of the contract (nor 404 / 405)" : "for the operation " + expected));
        }
        if (answer.status() >= 400) {
            Optional<String> bodyProblem = ErrorBodyCheck.problem(answer);
            bodyProblem.ifPresent(problems::add);
        }
        if (!problems.isEmpty() && SURVEY) {
            FuzzTally.finding(operation, answer.status(), String.join("; ", problems), fuzzCall + "\nanswer: " + answer);
        } else if (!problems.isEmpty()) {
            throw new AssertionError(String.join("; ", problems) + "\nanswer: " + answer + "\nrequest: " + fuzzCall
                    + "\nservice log: " + suite.logs().resolve(operation.service() + ".log"));
        }
    }

    private static Set<Integer> expectedStatuses(FuzzCall call) {
        if (!call.routeMayChange()) {
            return call.operation().declared();
        }
        Set<Integer> any = new TreeSet<>(Set.of(404, 405));
        ContractOperation.of(call.operation().service()).forEach(operation -> any.addAll(operation.declared()));
        return any;
    }
}
