package org.bdisuite.receiver.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.bdisuite.runtime.error.SuiteException;
import org.junit.jupiter.api.Test;

/** Every rule refusal of the service is a constant of {@link ReceiverRule}: one code, written once. */
class ReceiverRuleTest {

    private static final Pattern RULE_EXCEPTION = Pattern.compile(
            "new (StateConflictException|UnprocessableException|PayloadTooLargeException|InsufficientStorageException)\\(");

    @Test
    void eachRuleHasItsOwnCodeAndAnswersWithItsStatus() {
        assertThat(Arrays.stream(ReceiverRule.values()).map(ReceiverRule::code)).doesNotHaveDuplicates();
        for (ReceiverRule rule : ReceiverRule.values()) {
            SuiteException refusal = rule.refuse("why");
            assertThat(refusal.code()).isEqualTo(rule.code());
            assertThat(refusal.status()).isIn(409, 413, 422, 507);
            assertThat(refusal.getMessage()).isEqualTo("why");
        }
    }

    @Test
    void noCodeOutsideTheEnumMakesARuleRefusal() throws IOException {
        List<Path> offenders;
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            offenders = sources.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> !file.getFileName().toString().equals("ReceiverRule.java"))
                    .filter(file -> {
                        try {
                            return RULE_EXCEPTION
                                    .matcher(Files.readString(file))
                                    .find();
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .toList();
        }
        assertThat(offenders).isEmpty();
    }
}
