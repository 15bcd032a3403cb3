package org.bdisuite.runtime.retention;

import java.util.List;
import java.util.function.Function;

/**
 * The loop every {@link Purger} runs: batches of rows in key order (keyset paging, so a purge of millions never
 * holds them all and each batch is its own short database transaction), until a batch comes back short.
 */
public final class PurgeBatches {

    private PurgeBatches() {}

    /** What one batch found (its keys, in order) and reclaimed. */
    public record Batch<K>(List<K> keys, Reclaimed reclaimed) {}

    /**
     * Calls {@code next} with the key to continue after ({@code first} for the first batch) until a batch finds
     * fewer than {@code size} keys; returns the sum of what the batches reclaimed.
     */
    public static <K> Reclaimed untilShort(int size, K first, Function<K, Batch<K>> next) {
        Reclaimed total = Reclaimed.NOTHING;
        K after = first;
        while (true) {
            Batch<K> batch = next.apply(after);
            total = total.plus(batch.reclaimed());
            if (batch.keys().size() < size) {
                return total;
            }
            after = batch.keys().get(batch.keys().size() - 1);
        }
    }
}
