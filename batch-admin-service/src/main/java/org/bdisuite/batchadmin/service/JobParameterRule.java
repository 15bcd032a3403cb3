package org.bdisuite.batchadmin.service;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * What one job parameter may be: its name and a check of its value that says, in the user's terms, what is wrong.
 * A parameter means the same in every job that reads it (itemCount is rows per chunk or block everywhere).
 *
 * @param name  the parameter's name as a job XML reads it ({@code #{jobParameters['name']}})
 * @param check the problem with a value, or empty when the value is fine
 */
public record JobParameterRule(String name, Check check) {

    /** The problem with a value (a whole sentence fragment such as "must be ..."), or empty. */
    @FunctionalInterface
    public interface Check {
        Optional<String> problem(String value);
    }

    /** Where rules come from: the service's own jobs, and test jobs in tests. Every source is a CDI bean. */
    public interface Source {
        List<JobParameterRule> rules();
    }

    /** A whole number from min to max (no sign for positives, no spaces, no leading zeros). */
    public static JobParameterRule wholeNumber(String name, long min, long max) {
        Pattern digits = Pattern.compile("-?[1-9][0-9]{0,18}|0");
        return new JobParameterRule(name, value -> {
            if (digits.matcher(value).matches()) {
                try {
                    long number = Long.parseLong(value);
                    if (number >= min && number <= max) {
                        return Optional.empty();
                    }
                } catch (NumberFormatException tooLarge) {
                    // falls through to the same answer as any other number out of range
                }
            }
            return Optional.of("must be a whole number from " + min + " to " + max);
        });
    }

    /** One of a fixed set of words, exactly. */
    public static JobParameterRule oneOf(String name, Set<String> allowed) {
        String listed = String.join(", ", allowed.stream().sorted().toList());
        return new JobParameterRule(
                name, value -> allowed.contains(value) ? Optional.empty() : Optional.of("must be one of " + listed));
    }

    /** A name of letters, digits, '_', '.' and '-', up to maxLength. */
    public static JobParameterRule name(String name, int maxLength) {
        return name(name, maxLength, value -> true, "");
    }

    /** A name as {@link #name(String, int)} that also passes {@code exists} (what it names is there), else {@code missing}. */
    public static JobParameterRule name(String name, int maxLength, Predicate<String> exists, String missing) {
        Pattern allowed = Pattern.compile("[A-Za-z0-9_.-]{1," + maxLength + "}");
        return new JobParameterRule(name, value -> {
            if (!allowed.matcher(value).matches()) {
                return Optional.of("must be 1 to " + maxLength + " letters, digits, '_', '.' or '-'");
            }
            return exists.test(value) ? Optional.empty() : Optional.of(missing);
        });
    }
}
