package org.bdisuite.receiver.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileMergerTest {

    @TempDir
    Path folder;

    @Test
    void concatenatesInTheGivenOrderEachPartEndingWithANewline() throws Exception {
        Path first = write("1.csv", "1,red\n2,blue\n");
        Path second = write("2.csv", "3,green");
        Path empty = write("3.csv", "");
        Path third = write("4.csv", "4,black\n");
        Path merged = folder.resolve("out/Diff.csv");

        FileMerger.Merged result = FileMerger.concatenate(List.of(third, first, empty, second), merged);

        String expected = "4,black\n" + "1,red\n2,blue\n" + "3,green\n";
        assertThat(Files.readString(merged)).isEqualTo(expected);
        assertThat(result.bytes()).isEqualTo(expected.length());
        assertThat(result.sha256())
                .isEqualTo(java.util.HexFormat.of()
                        .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                                .digest(expected.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        assertThat(names(merged.getParent())).containsExactly("Diff.csv");
    }

    @Test
    void mergesLargeBinaryPartsByteForByte() throws Exception {
        List<Path> parts = new ArrayList<>();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (int i = 0; i < 5; i++) {
            byte[] part = DurableFilesTest.randomBytes(2 * 1024 * 1024 + i);
            part[part.length - 1] = '\n';
            parts.add(Files.write(folder.resolve("part" + i), part));
            expected.write(part);
        }
        Path merged = folder.resolve("merged.csv");
        FileMerger.Merged result = FileMerger.concatenate(parts, merged);
        assertThat(Files.readAllBytes(merged)).isEqualTo(expected.toByteArray());
        // The digest is read beside the force: it must still cover every byte of the merged file.
        assertThat(result.sha256())
                .isEqualTo(java.util.HexFormat.of()
                        .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                                .digest(expected.toByteArray())));
    }

    @Test
    void aMissingPartLeavesNoMergedFile() throws Exception {
        Path present = write("1.csv", "1,red\n");
        Path merged = folder.resolve("merged.csv");
        assertThatThrownBy(() -> FileMerger.concatenate(List.of(present, folder.resolve("missing.csv")), merged))
                .isInstanceOf(IOException.class);
        assertThat(names(folder)).containsExactly("1.csv");
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(folder.resolve(name), content);
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
