package org.bdisuite.it.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The fuzz's generators: the same seed gives the same values (what replay relies on), and ranges hold. */
class GenTest {

    private static final Gen<List<String>> SAMPLE = Gen.frequencyOf(
                    Gen.weighted(3, Gen.strings(Gen.ALPHA, 0, 12)),
                    Gen.weighted(1, Gen.anyChars(40)),
                    Gen.weighted(1, Gen.longs(-5, Long.MAX_VALUE).map(String::valueOf)))
            .list(3, 5);

    @Test
    void theSameTryOfTheSameBaseSeedGivesTheSameValues() {
        FuzzSeeds.Try attempt = new FuzzSeeds.Try(42, 7);
        assertThat(SAMPLE.next(attempt.random("exporter-service")))
                .isEqualTo(SAMPLE.next(new FuzzSeeds.Try(42, 7).random("exporter-service")));
        Set<List<String>> neighbours = new HashSet<>();
        IntStream.range(0, 50).forEach(n -> neighbours.add(SAMPLE.next(new FuzzSeeds.Try(42, n).random("s"))));
        assertThat(neighbours).as("neighbouring tries give different values").hasSizeGreaterThan(40);
    }

    @Test
    void longsStayInTheirRangeAndHitItsEnds() {
        SplittableRandom random = new SplittableRandom(1);
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            seen.add(Gen.longs(Integer.MIN_VALUE, Integer.MAX_VALUE).next(random));
        }
        assertThat(seen)
                .allMatch(v -> v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE)
                .contains((long) Integer.MIN_VALUE, (long) Integer.MAX_VALUE, 0L, -1L, 1L)
                .anyMatch(v -> Math.abs(v) > 1_000_000);
        assertThat(Gen.longs(3, 3).next(random)).isEqualTo(3);
        assertThat(Gen.longs(Long.MIN_VALUE, Long.MAX_VALUE).next(random)).isNotNull();
    }

    @Test
    void stringsAndListsKeepTheirLengthsAndAlphabet() {
        SplittableRandom random = new SplittableRandom(2);
        for (int i = 0; i < 500; i++) {
            assertThat(Gen.strings("ab-", 2, 6).next(random)).matches("[ab-]{2,6}");
            assertThat(Gen.just(1).list(1, 3).next(random)).hasSizeBetween(1, 3);
        }
    }
}
