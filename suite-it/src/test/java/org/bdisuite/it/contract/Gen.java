package org.bdisuite.it.contract;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.LongStream;

/**
 * A seeded generator of values: the fuzz's own, small replacement of a property-testing library. It exists because
 * jqwik, which the fuzz was first written on, asks in every run's output that AI agents not use it (this code is
 * written by them), and we respect that and keep such text out of the build's logs. Only what the fuzz needs is
 * here; there is no shrinking. The same {@link SplittableRandom} seed gives the same value, so a try is replayed
 * from its seed ({@link ContractFuzzIT}).
 */
@FunctionalInterface
interface Gen<T> {

    /** Letters, digits: the alphabets the fuzz's strings are made of (see {@link #strings}). */
    String ALPHA = range('a', 'z') + range('A', 'Z');

    String NUMERIC = range('0', '9');

    /** Attempts of {@link #filter} before it gives up (a filter that rejects almost everything is a bug). */
    int FILTER_ATTEMPTS = 10_000;

    T next(SplittableRandom random);

    default <R> Gen<R> map(Function<? super T, ? extends R> mapper) {
        return random -> mapper.apply(next(random));
    }

    default <R> Gen<R> flatMap(Function<? super T, ? extends Gen<? extends R>> mapper) {
        return random -> mapper.apply(next(random)).next(random);
    }

    default Gen<T> filter(Predicate<? super T> accepted) {
        return random -> {
            for (int attempt = 0; attempt < FILTER_ATTEMPTS; attempt++) {
                T value = next(random);
                if (accepted.test(value)) {
                    return value;
                }
            }
            throw new IllegalStateException("the filter rejected " + FILTER_ATTEMPTS + " values in a row");
        };
    }

    /** Lists of {@code minSize} to {@code maxSize} values, the sizes at the ends as often as all between. */
    default Gen<List<T>> list(int minSize, int maxSize) {
        return random -> {
            int size = length(random, minSize, maxSize);
            List<T> list = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                list.add(next(random));
            }
            return list;
        };
    }

    static <T> Gen<T> just(T value) {
        return random -> value;
    }

    @SafeVarargs
    static <T> Gen<T> of(T... values) {
        return of(List.of(values));
    }

    /** One of the values, each as likely (the list may hold null). */
    static <T> Gen<T> of(List<? extends T> values) {
        List<? extends T> copy = new ArrayList<>(values);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("no values to choose from");
        }
        return random -> copy.get(random.nextInt(copy.size()));
    }

    @SafeVarargs
    static <T> Gen<T> oneOf(Gen<? extends T>... gens) {
        return oneOf(List.of(gens));
    }

    /** A value of one of the generators, each as likely. */
    static <T> Gen<T> oneOf(List<? extends Gen<? extends T>> gens) {
        Gen<? extends Gen<? extends T>> chosen = of(gens);
        return random -> chosen.next(random).next(random);
    }

    /** A generator and how often it is chosen, relative to the others of {@link #frequencyOf}. */
    record Weighted<T>(int weight, Gen<? extends T> gen) {}

    static <T> Weighted<T> weighted(int weight, Gen<? extends T> gen) {
        return new Weighted<>(weight, gen);
    }

    @SafeVarargs
    static <T> Gen<T> frequencyOf(Weighted<? extends T>... choices) {
        List<Weighted<? extends T>> list = List.of(choices);
        int total = list.stream().mapToInt(Weighted::weight).sum();
        return random -> {
            int pick = random.nextInt(total);
            for (Weighted<? extends T> choice : list) {
                pick -= choice.weight();
                if (pick < 0) {
                    return choice.gen().next(random);
                }
            }
            throw new IllegalStateException("weights changed");
        };
    }

    /** One value of each generator, in their order. */
    static <T> Gen<List<T>> all(List<? extends Gen<? extends T>> gens) {
        List<? extends Gen<? extends T>> copy = List.copyOf(gens);
        return random -> {
            List<T> values = new ArrayList<>(copy.size());
            copy.forEach(gen -> values.add(gen.next(random)));
            return values;
        };
    }

    static <K, V> Gen<Map<K, V>> maps(Gen<? extends K> keys, Gen<? extends V> values, int maxSize) {
        return random -> {
            int size = length(random, 0, maxSize);
            Map<K, V> map = new LinkedHashMap<>();
            for (int i = 0; i < size; i++) {
                map.put(keys.next(random), values.next(random));
            }
            return map;
        };
    }

    /**
     * Longs from {@code min} to {@code max}: a fifth of them edge cases (the ends, one inside them, 0, 1, -1), two
     * fifths small (-1,000 to 1,000, where the range allows), the rest anywhere in the range.
     */
    static Gen<Long> longs(long min, long max) {
        if (min > max) {
            throw new IllegalArgumentException(min + " > " + max);
        }
        long[] edges = LongStream.of(min, max, 0, 1, -1, min + 1, max - 1)
                .filter(v -> v >= min && v <= max)
                .distinct()
                .toArray();
        long smallMin = Math.max(min, -1_000);
        long smallMax = Math.min(max, 1_000);
        return random -> {
            int kind = random.nextInt(5);
            if (kind == 0) {
                return edges[random.nextInt(edges.length)];
            }
            if (kind <= 2 && smallMin <= smallMax) {
                return between(random, smallMin, smallMax);
            }
            return between(random, min, max);
        };
    }

    static Gen<Integer> integers(int min, int max) {
        return longs(min, max).map(Long::intValue);
    }

    static Gen<Double> doubles(double min, double max) {
        return random -> random.nextDouble(min, max);
    }

    /**
     * Strings of {@code minLength} to {@code maxLength} characters of the alphabet (see {@link #range}); the
     * shortest and longest as often as all lengths between.
     */
    static Gen<String> strings(String alphabet, int minLength, int maxLength) {
        return random -> {
            int length = length(random, minLength, maxLength);
            StringBuilder text = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            return text.toString();
        };
    }

    /**
     * Strings of up to {@code maxLength} of any chars at all, as Java holds them: half ASCII (controls and NUL
     * included), half anywhere in U+0000 to U+FFFF (lone surrogates, U+FFFE and U+FFFF included).
     */
    static Gen<String> anyChars(int maxLength) {
        return random -> {
            int length = length(random, 0, maxLength);
            StringBuilder text = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                text.append((char) random.nextInt(random.nextBoolean() ? 0x80 : 0x10000));
            }
            return text.toString();
        };
    }

    /** The characters from {@code from} to {@code to}, as an alphabet for {@link #strings}. */
    static String range(char from, char to) {
        StringBuilder chars = new StringBuilder();
        for (char c = from; c <= to; c++) {
            chars.append(c);
        }
        return chars.toString();
    }

    /** A length or size: a quarter of the time the minimum, a quarter the maximum, else anything between. */
    private static int length(SplittableRandom random, int min, int max) {
        return switch (random.nextInt(4)) {
            case 0 -> min;
            case 1 -> max;
            default -> (int) between(random, min, max);
        };
    }

    private static long between(SplittableRandom random, long min, long max) {
        if (max < Long.MAX_VALUE) {
            return random.nextLong(min, max + 1);
        }
        return min > Long.MIN_VALUE ? random.nextLong(min - 1, max) + 1 : random.nextLong();
    }
}
