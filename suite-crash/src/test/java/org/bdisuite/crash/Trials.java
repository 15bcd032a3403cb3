package org.bdisuite.crash;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bookkeeping of one kind of crash trial: how many trials run (crash.trials), each trial's seed (crash.seed
 * plus the trial's index, the base printed first so a run can be repeated), and the figures the summary line prints:
 * trials, kills, checks and losses (every check that found lost, duplicated or partial work). A loss does not stop
 * the run; {@link #assertNoLosses()} fails at the end with every loss and the seed that replays its trial
 * ({@code -Dcrash.seed=<seed> -Dcrash.trials=1}).
 */
final class Trials {

    private final String kind;
    private final int count;
    private final long baseSeed;
    private final AtomicLong kills = new AtomicLong();
    private final AtomicLong checks = new AtomicLong();
    private final List<String> losses = new ArrayList<>();
    private final Map<String, AtomicLong> figures = new TreeMap<>();
    private int trials;

    Trials(String kind) {
        this(kind, 1);
    }

    /** A kind that runs a {@code 1 / share} part of crash.trials (at least one): a costly variant of another kind. */
    Trials(String kind, int share) {
        this(kind, share, 1);
    }

    /**
     * As above, with at least {@code minimum} trials (e.g. the exporter's 30 days), except when crash.trials is 1:
     * the replay of one seed.
     */
    Trials(String kind, int share, int minimum) {
        this.kind = kind;
        int requested = Integer.parseInt(property("crash.trials", "10"));
        this.count = requested == 1 ? 1 : Math.max(minimum, Math.max(1, requested / share));
        String seed = property("crash.seed", "");
        this.baseSeed = seed.isBlank() ? new Random().nextLong() & 0xffff_ffffL : Long.parseLong(seed.trim());
        System.out.printf(
                "CRASH %s: %d trials, base seed %d (replay one trial: -Dcrash.seed=<its seed> -Dcrash.trials=1)%n",
                kind, count, baseSeed);
    }

    private static String property(String name, String fallback) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    int count() {
        return count;
    }

    long seedOf(int trial) {
        return baseSeed + trial;
    }

    /** Counts the trial and prints the running figures, so that a long run shows its progress. */
    synchronized void trialDone() {
        trials++;
        System.out.printf(
                "CRASH %s: trial %d of %d done: kills=%d checks=%d losses=%d%n",
                kind, trials, count, kills.get(), checks.get(), losses.size());
    }

    void killed() {
        kills.incrementAndGet();
    }

    /** Restarts a killed service and adds its start-up's CPU time to the figures (start-up is most of the cost). */
    void restart(org.bdisuite.test.ServiceProcess service) throws java.io.IOException {
        service.restart();
        restarted(service);
    }

    /** Adds the start-up of a service just restarted to the figures. */
    synchronized void restarted(org.bdisuite.test.ServiceProcess service) {
        add("restarts", 1);
        add("restart-cpu-ms", service.cpuTime().toMillis());
    }

    /** One check: when {@code holds} is false it is a loss, recorded with the trial's seed. */
    synchronized boolean check(boolean holds, long seed, String what) {
        checks.incrementAndGet();
        if (!holds) {
            losses.add("seed " + seed + ": " + what);
            System.out.printf("CRASH %s LOSS (seed %d): %s%n", kind, seed, what);
        }
        return holds;
    }

    /** Adds one to a figure worth reporting that is neither a check nor a loss (e.g. kills that hit a merge). */
    synchronized void count(String figure) {
        add(figure, 1);
    }

    synchronized void add(String figure, long amount) {
        figures.computeIfAbsent(figure, f -> new AtomicLong()).addAndGet(amount);
    }

    long losses() {
        return losses.size();
    }

    String summary() {
        StringBuilder extra = new StringBuilder();
        figures.forEach(
                (figure, value) -> extra.append(' ').append(figure).append('=').append(value.get()));
        return String.format(
                "CRASH SUMMARY %s: trials=%d kills=%d checks=%d losses=%d%s base-seed=%d",
                kind, trials, kills.get(), checks.get(), losses.size(), extra, baseSeed);
    }

    void printSummary() {
        System.out.println(summary());
    }

    void assertNoLosses() {
        if (!losses.isEmpty()) {
            throw new AssertionError(summary() + "\n" + String.join("\n", losses));
        }
    }
}
