package org.bdisuite.runtime.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTreesTest {

    @TempDir
    Path base;

    @Test
    void measuresAndDeletesANestedTree() throws IOException {
        Path folder = base.resolve("run-1");
        Files.createDirectories(folder.resolve("a/b"));
        Files.write(folder.resolve("top.csv"), new byte[10]);
        Files.write(folder.resolve("a/one.csv"), new byte[100]);
        Files.write(folder.resolve("a/b/two.csv"), new byte[1000]);
        Files.write(base.resolve("neighbour.csv"), new byte[7]);

        assertThat(FileTrees.bytesIn(folder)).isEqualTo(1110);
        assertThat(FileTrees.delete(folder)).isEqualTo(3);

        assertThat(folder).doesNotExist();
        assertThat(base.resolve("neighbour.csv")).exists();
    }

    @Test
    void aFolderAlreadyGoneIsNothingToMeasureOrDelete() throws IOException {
        Path gone = base.resolve("gone");

        assertThat(FileTrees.bytesIn(gone)).isZero();
        assertThat(FileTrees.delete(gone)).isZero();
    }
}
