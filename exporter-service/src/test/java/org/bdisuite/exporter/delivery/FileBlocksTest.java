package org.bdisuite.exporter.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileBlocksTest {

    @TempDir
    Path directory;

    @Test
    void blocksCoverTheFileEndAtLineEndsAndCarryTheirHashAndLineCount() throws Exception {
        StringBuilder csv = new StringBuilder("h1,h2\r\n");
        for (int i = 0; i < 10_000; i++) {
            csv.append("row").append(i).append(",value ").append(i).append("\r\n");
        }
        byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        Path file = Files.write(directory.resolve("f.csv"), bytes);

        List<FileBlocks.Block> blocks = FileBlocks.of(file, 50_000);
        assertThat(blocks.size()).isGreaterThan(2);
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        long offset = 0;
        int lines = 0;
        for (FileBlocks.Block block : blocks) {
            assertThat(block.offset()).isEqualTo(offset);
            byte[] part;
            try (InputStream in = FileBlocks.open(file, block)) {
                part = in.readAllBytes();
            }
            assertThat(part).hasSize((int) block.length());
            assertThat(part[part.length - 1]).isEqualTo((byte) '\n');
            assertThat(block.sha256())
                    .isEqualTo(HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(part)));
            joined.write(part);
            offset += block.length();
            lines += block.lines();
        }
        assertThat(joined.toByteArray()).isEqualTo(bytes);
        assertThat(lines).isEqualTo(10_001);
    }

    @Test
    void aSingleLineJsonFileIsOneBlock() throws Exception {
        Path file = Files.writeString(directory.resolve("f.json"), "[{\"a\":1},{\"a\":2}]");
        List<FileBlocks.Block> blocks = FileBlocks.of(file, 4);
        assertThat(blocks).hasSize(1);
        assertThat(blocks.get(0).length()).isEqualTo(Files.size(file));
        assertThat(blocks.get(0).lines()).isEqualTo(1);
    }
}
