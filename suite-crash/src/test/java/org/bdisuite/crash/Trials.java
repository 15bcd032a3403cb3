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
        this.kind = kind;
        this.count = Math.max(1, Integer.parseInt(property("crash.trials", "3")) / share);
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
