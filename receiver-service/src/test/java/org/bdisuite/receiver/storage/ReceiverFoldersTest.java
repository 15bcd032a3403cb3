package org.bdisuite.receiver.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.bdisuite.runtime.error.InvalidRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReceiverFoldersTest {

    @TempDir
    Path base;

    @Test
    void followsTheSpecsLayoutUnderBdiData() {
        ReceiverFolders folders = ReceiverFolders.under(base);
        Path data = base.toAbsolutePath().normalize().resolve("bdi-data");
        assertThat(folders.dataRoot()).isEqualTo(data);
        assertThat(folders.transaction("Tx#1")).isEqualTo(data.resolve("Tx#1"));
        assertThat(folders.transmission("Tx#1", "7"))
                .isEqualTo(data.resolve("Tx#1").resolve("7"));
        assertThat(folders.block("Tx#1", "7", "42"))
                .isEqualTo(data.resolve("Tx#1").resolve("7").resolve("42"));
    }

    @Test
    void namesEachBadSegment() {
        ReceiverFolders folders = ReceiverFolders.under(base);
        assertThatThrownBy(() -> folders.block("..", "1", "1"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("transactionId:");
        assertThatThrownBy(() -> folders.block("Tx#1", "../../etc", "1"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("transmissionId:");
        assertThatThrownBy(() -> folders.block("Tx#1", "1", "1/.."))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("blockId:");
    }
}
