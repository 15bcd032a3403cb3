package org.bdisuite.receiver.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemporaryFilesTest {

    @TempDir
    Path base;

    @Test
    void removesOnlyTemporaryFilesNotWrittenSinceTheCutoff() throws Exception {
        Path block = Files.createDirectories(base.resolve("bdi-data/Tx1/T1/1")).resolve("Diff_1.csv");
        Files.writeString(block, "a\n");
        Path leftover = Files.writeString(DurableFiles.temporarySibling(block), "partial");
        Path merged = base.resolve("bdi-data/Tx1/Diff.csv");
        Path leftoverMerge = Files.writeString(DurableFiles.temporarySibling(merged), "partial");
        Path recent = Files.writeString(DurableFiles.temporarySibling(block), "being written");
        Path hiddenData = Files.writeString(block.resolveSibling(".keep"), "not ours");
        Instant cutoff = Instant.now().minus(Duration.ofMinutes(15));
        Files.setLastModifiedTime(leftover, FileTime.from(cutoff.minusSeconds(60)));
        Files.setLastModifiedTime(leftoverMerge, FileTime.from(cutoff.minusSeconds(60)));
        Files.setLastModifiedTime(hiddenData, FileTime.from(cutoff.minusSeconds(60)));

        assertThat(TemporaryFiles.sweep(base.resolve("bdi-data"), cutoff)).isEqualTo(2);

        assertThat(leftover).doesNotExist();
        assertThat(leftoverMerge).doesNotExist();
        assertThat(recent).hasContent("being written");
        assertThat(block).hasContent("a\n");
        assertThat(hiddenData).exists();
        assertThat(TemporaryFiles.sweep(base.resolve("missing"), cutoff)).isZero();
    }
}
