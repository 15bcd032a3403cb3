package org.bdisuite.it.contract;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * What the fuzz sent: requests and statuses per service and per operation, printed after the run and written to
 * {@code target/fuzz-report.txt} (the numbers docs/RELIABILITY.md quotes).
 */
final class FuzzTally {

    private static final Map<String, Map<Integer, AtomicLong>> BY_SERVICE = new ConcurrentSkipListMap<>();
    private static final Map<String, Map<Integer, AtomicLong>> BY_OPERATION = new ConcurrentSkipListMap<>();

    /** Survey mode's findings: "service operation -> status: problem" with a count and the first example. */
    private static final Map<String, AtomicLong> FINDINGS = new ConcurrentSkipListMap<>();

    private static final Map<String, String> EXAMPLES = new ConcurrentHashMap<>();

    private FuzzTally() {}

    static void finding(ContractOperation operation, int status, String problem, String example) {
        String key = operation.service() + " " + operation + " -> " + status + ": "
                + problem.replaceAll("\\s+", " ").replaceAll("\\(reference [^)]*\\)", "");
        FINDINGS.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
        EXAMPLES.putIfAbsent(key, example);
    }

    private static final Map<String, AtomicLong> MILLIS = new ConcurrentHashMap<>();

    static void record(ContractOperation operation, int status, long millis) {
        count(BY_SERVICE, operation.service(), status);
        count(BY_OPERATION, operation.service() + " " + operation, status);
        MILLIS.computeIfAbsent(operation.service(), k -> new AtomicLong()).addAndGet(millis);
        MILLIS.computeIfAbsent(operation.service() + " " + operation, k -> new AtomicLong())
                .addAndGet(millis);
    }

    private static void count(Map<String, Map<Integer, AtomicLong>> tally, String key, int status) {
        tally.computeIfAbsent(key, k -> new ConcurrentSkipListMap<>())
                .computeIfAbsent(status, s -> new AtomicLong())
                .incrementAndGet();
    }

    /** Prints and writes the report; {@code run} says which run it was (its seed). */
    static synchronized void report(String run) {
        StringBuilder text = new StringBuilder("Contract fuzz (" + run + "): requests sent and statuses seen\n");
        BY_SERVICE.forEach((service, statuses) -> text.append(String.format(
                "%-20s %6d requests %5d s  %s%n", service, total(statuses), seconds(service), format(statuses))));
        text.append("\nPer operation:\n");
        BY_OPERATION.forEach((operation, statuses) -> text.append(String.format(
                "  %-110s %5d %5d s  %s%n", operation, total(statuses), seconds(operation), format(statuses))));
        if (!FINDINGS.isEmpty()) {
            text.append("\nFindings (survey mode):\n");
            FINDINGS.forEach((key, count) -> text.append(count)
                    .append(" x ")
                    .append(key.length() > 400 ? key.substring(0, 400) + "..." : key)
                    .append("\n    e.g. ")
                    .append(EXAMPLES.get(key).replace("\n", "\n    "))
                    .append("\n"));
        }
        System.out.println(text);
        try {
            Path target = Path.of(System.getProperty("suite.root", "..")).resolve("suite-it/target");
            Files.createDirectories(target);
            Files.writeString(target.resolve("fuzz-report.txt"), text);
        } catch (IOException e) {
            System.out.println("Could not write the fuzz report: " + e);
        }
    }

    private static long seconds(String key) {
        AtomicLong millis = MILLIS.get(key);
        return millis == null ? 0 : Math.round(millis.get() / 1000.0);
    }

    private static long total(Map<Integer, AtomicLong> statuses) {
        return statuses.values().stream().mapToLong(AtomicLong::get).sum();
    }

    private static String format(Map<Integer, AtomicLong> statuses) {
        return statuses.entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue().get())
                .collect(Collectors.joining(", "));
    }
}
