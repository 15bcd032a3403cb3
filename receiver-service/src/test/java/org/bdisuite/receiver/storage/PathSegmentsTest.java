package org.bdisuite.receiver.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.bdisuite.runtime.error.InvalidRequestException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PathSegmentsTest {

    @ParameterizedTest
    @ValueSource(strings = {"Tx#1", "Diff_Fnd", "Diff", "RMS", "1", "part-01", "a.b", "x@y", "k=v+w"})
    void acceptsBdiIds(String value) {
        assertThat(PathSegments.require("transactionId", value)).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                ".",
                "..",
                ".hidden",
                "a/b",
                "/etc",
                "a\\b",
                "..\\..",
                "a\u0000b",
                "a\nb",
                "a\tb",
                "%2e%2e",
                "%2F",
                "a b",
                "caf\u00e9",
                "Tx#1/../../x"
            })
    void refusesAnythingThatCouldLeaveItsFolder(String value) {
        assertThatThrownBy(() -> PathSegments.require("transactionId", value))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("transactionId: ");
    }

    @ParameterizedTest
    @ValueSource(ints = {129, 1000})
    void refusesOverLongValues(int length) {
        assertThatThrownBy(() -> PathSegments.require("interfaceModule", "a".repeat(length)))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("at most 128");
        assertThat(PathSegments.require("interfaceModule", "a".repeat(128))).hasSize(128);
    }
}
