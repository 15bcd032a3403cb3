package org.bdisuite.runtime.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** A failure in an operator's words: its message chain, each part once, one line, no class names, cut short. */
class FailureMessagesTest {

    @Test
    void theChainIsSaidOnceOnOneLineWithoutClassNames() {
        SQLException driver = new SQLException(
                "ERROR: missing data for column \"diff_type\"\n  Where: COPY states_inbound, line 1: \"1,RED,COLOR\"");
        IllegalStateException wrapper =
                new IllegalStateException("Loading the inbound tables failed: " + driver.getMessage(), driver);
        assertThat(FailureMessages.of(wrapper))
                .isEqualTo("Loading the inbound tables failed: ERROR: missing data for column \"diff_type\" Where:"
                        + " COPY states_inbound, line 1: \"1,RED,COLOR\"");
    }

    @Test
    void aCauseWithoutAMessageLeavesNoClassNameBehind() {
        RuntimeException wrapped = new RuntimeException(new IOException(new ConnectException()));
        assertThat(FailureMessages.of(wrapped)).isEqualTo("no reason given");
        IllegalStateException call = new IllegalStateException(
                "beginTransaction failed: no answer after 3 attempts: java.net.ConnectException",
                new ConnectException());
        assertThat(FailureMessages.of(call)).isEqualTo("beginTransaction failed: no answer after 3 attempts");
        assertThat(FailureMessages.of(new IllegalStateException("outer", new IOException("disk full"))))
                .isEqualTo("outer: disk full");
    }

    @Test
    void aLongMessageIsCut() {
        String message = FailureMessages.of(new IllegalStateException("x".repeat(5000)));
        assertThat(message).hasSize(FailureMessages.MAX_LENGTH).endsWith("...");
    }
}
