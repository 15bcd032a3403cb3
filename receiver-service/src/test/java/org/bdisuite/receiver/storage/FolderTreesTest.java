package org.bdisuite.receiver.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderTreesTest {

    @TempDir
    Path base;

    @Test
    void deletesTheTransactionFolderWithEverythingInItAndNothingBeside() throws Exception {
        Path tx = Files.createDirectories(base.resolve("bdi-data/Tx#1/T1/1"));
        Files.writeString(tx.resolve("Diff_1.csv"), "a\n");
        Files.writeString(tx.getParent().resolve("Diff.csv"), "a\n");
        Path other = Files.createDirectories(base.resolve("bdi-data/Tx#2/T2/1"));

        assertThat(FolderTrees.deleteTransactionFolder(base.resolve("bdi-data/Tx#1"), "Tx#1"))
                .isEqualTo(2);
        assertThat(base.resolve("bdi-data/Tx#1")).doesNotExist();
        assertThat(other).isDirectory();
        assertThat(FolderTrees.deleteTransactionFolder(base.resolve("bdi-data/Tx#1"), "Tx#1"))
                .isZero();
    }

    @Test
    void refusesAnyFolderThatIsNotThatTransactionsFolderInBdiData() throws Exception {
        Path outside = Files.createDirectories(base.resolve("elsewhere/Tx#1"));
        assertThatThrownBy(() -> FolderTrees.deleteTransactionFolder(outside, "Tx#1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FolderTrees.deleteTransactionFolder(base.resolve("bdi-data/Tx#2"), "Tx#1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FolderTrees.deleteTransactionFolder(base.resolve("bdi-data/Tx#1/.."), "Tx#1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(outside).isDirectory();
    }
}
