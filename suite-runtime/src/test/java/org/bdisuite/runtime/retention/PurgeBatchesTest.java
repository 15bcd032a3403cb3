package org.bdisuite.runtime.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PurgeBatchesTest {

    @Test
    void continuesAfterEachBatchsLastKeyUntilABatchComesBackShortAndSumsWhatWasReclaimed() {
        List<Long> asked = new ArrayList<>();
        Reclaimed total = PurgeBatches.untilShort(3, 0L, after -> {
            asked.add(after);
            List<Long> keys = LongStream.rangeClosed(after + 1, Math.min(after + 3, 7))
                    .boxed()
                    .toList();
            return new PurgeBatches.Batch<>(keys, new Reclaimed(keys.size(), 10L * keys.size()));
        });

        assertThat(asked).containsExactly(0L, 3L, 6L);
        assertThat(total).isEqualTo(new Reclaimed(7, 70));
    }

    @Test
    void aFullLastBatchIsFollowedByOneEmptyBatch() {
        List<String> asked = new ArrayList<>();
        Reclaimed total = PurgeBatches.untilShort(2, "", after -> {
            asked.add(after);
            List<String> keys = after.isEmpty() ? List.of("a", "b") : List.of();
            return new PurgeBatches.Batch<>(keys, new Reclaimed(keys.size(), 0));
        });

        assertThat(asked).containsExactly("", "b");
        assertThat(total).isEqualTo(new Reclaimed(2, 0));
    }
}
