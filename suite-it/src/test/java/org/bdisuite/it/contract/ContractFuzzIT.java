package org.bdisuite.it.contract;

import io.swagger.v3.oas.models.media.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.bdisuite.it.SuiteUnderTest;
import org.bdisuite.it.contract.ContractCalls.FuzzCall;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The contract-driven fuzz: for each service, requests generated from the operations of its stored contract
 * (docs/openapi/*.yaml), their parameters and body schemas, with well-formed, boundary and hostile values
 * ({@link FuzzValues}, {@link FuzzBodies}, made with the fuzz's own seeded {@link Gen}), sent as an admin so that
 * they get past authentication. Each answer must be below 500, one of the statuses the operation declares, and for
 * a 4xx the suite's error body ({@link ErrorBodyCheck}).
 * <p>
 * A path value that may reach another route (an empty segment, dots, an unencoded traversal, the literal segment
 * of another path) is held to what the whole contract declares, plus 404 and 405.
 * <p>
 * Requests per service: one a try, {@code -Dfuzz.tries=N} (2,000 in the build; the {@code fuzz-long} profile sends
 * 20,000). Each try is generated from its own seed, derived from the run's base seed (printed at the start,
 * {@code -Dfuzz.seed=<base>} replays the run) and the try's number ({@code -Dfuzz.try=<n>} runs that try alone);
 * a failure prints its request, the answer and the replay command. The next run tries the last failed try of each
 * service first ({@link FuzzSeeds}). No shrinking: a failure is the request as generated.
 * {@code -Dfuzz.survey=true} lists all findings of a run, grouped by operation, status and problem with one
 * example request each, instead of stopping at the first.
 */
class ContractFuzzIT {

    /** -Dfuzz.survey=true: list every finding (grouped, one example each) at the end instead of failing on the first. */
    private static final boolean SURVEY = Boolean.getBoolean("fuzz.survey");

    private static final int TRIES = Integer.getInteger("fuzz.tries", 2_000);

    private static final long BASE_SEED = FuzzSeeds.base();

    private final ContractHttp http = new ContractHttp();

    @BeforeAll
    static void announce() {
        System.out.println("Contract fuzz: base seed " + BASE_SEED + ", "
                + FuzzSeeds.onlyTry().map(n -> "only try " + n).orElse(TRIES + " tries")
                + " per service (replay the run: -Dfuzz.seed="
                + BASE_SEED + "; one try: -Dfuzz.seed=" + BASE_SEED + " -Dfuzz.try=<n>)");
    }

    @AfterAll
    static void report() {
        FuzzTally.report("base seed " + BASE_SEED);
    }

    @Test
    void receiverServiceAnswersAsItsContractSays(TestInfo test) {
        fuzz("receiver-service", test);
    }

    @Test
    void batchAdminServiceAnswersAsItsContractSays(TestInfo test) {
        fuzz("batch-admin-service", test);
    }

    @Test
    void exporterServiceAnswersAsItsContractSays(TestInfo test) {
        fuzz("exporter-service", test);
    }

    private void fuzz(String service, TestInfo test) {
        Gen<FuzzCall> calls = calls(service);
        String method = test.getTestMethod().orElseThrow().getName();
        Optional<Integer> only = FuzzSeeds.onlyTry();
        if (only.isPresent()) {
            tryOnce(service, method, calls, new FuzzSeeds.Try(BASE_SEED, only.get()));
            return;
        }
        Optional<FuzzSeeds.Try> lastFailure = FuzzSeeds.lastFailure(service);
        if (lastFailure.isPresent()) {
            System.out.println("Contract fuzz: " + service + " first retries the last failed try " + lastFailure.get());
            tryOnce(service, method, calls, lastFailure.get());
            FuzzSeeds.forgetFailure(service);
        }
        for (int number = 0; number < TRIES; number++) {
            tryOnce(service, method, calls, new FuzzSeeds.Try(BASE_SEED, number));
        }
    }

    private void tryOnce(String service, String method, Gen<FuzzCall> calls, FuzzSeeds.Try attempt) {
        FuzzCall call = null;
        try {
            call = calls.next(attempt.random(service));
            check(call);
        } catch (AssertionError | RuntimeException e) {
            FuzzSeeds.rememberFailure(service, attempt);
            throw new AssertionError(
                    (call == null
                                    ? "generating a request failed: " + e
                                    : e instanceof AssertionError ? e.getMessage() : e + "\nrequest: " + call)
                            + "\ntry " + attempt.number() + " of base seed " + attempt.base() + "; replay it alone:"
                            + " -Dfuzz.seed=" + attempt.base() + " -Dfuzz.try=" + attempt.number()
                            + " -Dit.test='ContractFuzzIT#" + method + "'",
                    e);
        }
    }

    private static Gen<FuzzCall> calls(String service) {
        List<ContractOperation> operations = ContractOperation.of(service);
        List<String> literalSegments = ContractCalls.literalSegments(operations);
        List<Schema<?>> jsonSchemas = new ArrayList<>();
        operations.forEach(operation -> operation.bodies().forEach((type, schema) -> {
            if ("application/json".equals(type) && schema != null) {
                jsonSchemas.add(schema);
            }
        }));
        List<Gen<FuzzCall>> perOperation = new ArrayList<>();
        for (ContractOperation operation : operations) {
            perOperation.add(ContractCalls.fuzz(operation, literalSegments, jsonSchemas, FuzzFixtures.of(service)));
        }
        return Gen.oneOf(perOperation);
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
            problems.add("status " + answer.status() + " is not declared "
                    + (fuzzCall.routeMayChange()
                            ? "by any operation of the contract (nor 404 / 405)"
                            : "for the operation " + expected));
        }
        if (answer.status() >= 400) {
            Optional<String> bodyProblem = ErrorBodyCheck.problem(answer);
            bodyProblem.ifPresent(problems::add);
        }
        if (!problems.isEmpty() && SURVEY) {
            FuzzTally.finding(
                    operation, answer.status(), String.join("; ", problems), fuzzCall + "\nanswer: " + answer);
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
