package org.bdisuite.receiver.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.bdisuite.runtime.error.PayloadTooLargeException;
import org.bdisuite.runtime.error.UnprocessableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableFilesTest {

    @TempDir
    Path folder;

    @Test
    void writesTheBodyByteForByteWithItsSha256AndNoTemporaryFileLeft() throws Exception {
        byte[] body = randomBytes(3 * 1024 * 1024 + 17);
        Path target = folder.resolve("bdi-data/Tx#1/1/1/Diff.csv");

        DurableFiles.Written written =
                DurableFiles.write(new ByteArrayInputStream(body), target, body.length, Optional.empty());

        assertThat(Files.readAllBytes(target)).isEqualTo(body);
        assertThat(written.bytes()).isEqualTo(body.length);
        assertThat(written.sha256Hex()).isEqualTo(sha256Hex(body)).isEqualTo(DurableFiles.sha256Hex(target));
        assertThat(filesIn(target.getParent())).containsExactly("Diff.csv");
    }

    @Test
    void aMatchingDeclaredDigestIsAccepted() throws Exception {
        byte[] body = "1,red,COLOR\n".getBytes();
        Path target = folder.resolve("block.csv");
        DurableFiles.write(
                new ByteArrayInputStream(body),
                target,
                1024,
                Optional.of(sha256Hex(body).toUpperCase()));
        assertThat(Files.readAllBytes(target)).isEqualTo(body);
    }

    @Test
    void aDigestMismatchStoresNothingNotEvenTheFoldersItCreated() throws Exception {
        Files.createDirectories(folder.resolve("bdi-data/Tx#1"));
        Path target = folder.resolve("bdi-data/Tx#1/7/3/block.csv");
        assertThatThrownBy(() -> DurableFiles.write(
                        new ByteArrayInputStream("1,red\n".getBytes()),
                        target,
                        1024,
                        Optional.of(sha256Hex("2,blue\n".getBytes()))))
                .isInstanceOf(UnprocessableException.class);
        assertThat(filesIn(folder.resolve("bdi-data/Tx#1"))).isEmpty();
    }

    @Test
    void aDigestMismatchStoresNothing() throws Exception {
        Path target = folder.resolve("block.csv");
        assertThatThrownBy(() -> DurableFiles.write(
                        new ByteArrayInputStream("1,red\n".getBytes()),
                        target,
                        1024,
                        Optional.of(sha256Hex("2,blue\n".getBytes()))))
                .isInstanceOf(UnprocessableException.class)
                .hasMessageContaining("nothing was stored");
        assertThat(filesIn(folder)).isEmpty();
    }

    @Test
    void aBodyOverTheLimitStoresNothingAndStopsReading() throws Exception {
        Path target = folder.resolve("block.csv");
        CountingStream endless = new CountingStream();
        assertThatThrownBy(() -> DurableFiles.write(endless, target, 1_000_000, Optional.empty()))
                .isInstanceOf(PayloadTooLargeException.class);
        assertThat(filesIn(folder)).isEmpty();
        assertThat(endless.served).isLessThan(1_000_000 + 2 * 256 * 1024);
    }

    @Test
    void aRetryReplacesTheFileWholeNeverHalfway() throws Exception {
        Path target = folder.resolve("block.csv");
        DurableFiles.write(new ByteArrayInputStream("old\n".getBytes()), target, 1024, Optional.empty());
        DurableFiles.write(new ByteArrayInputStream("new\n".getBytes()), target, 1024, Optional.empty());
        assertThat(Files.readString(target)).isEqualTo("new\n");
        assertThat(filesIn(folder)).containsExactly("block.csv");
    }

    @Test
    void aFailingSenderLeavesNothingBehind() {
        Path target = folder.resolve("block.csv");
        InputStream broken = new InputStream() {
            private int served;

            @Override
            public int read() throws IOException {
                if (served++ > 10_000) {
                    throw new IOException("connection reset");
                }
                return 'x';
            }
        };
        assertThatThrownBy(() -> DurableFiles.write(broken, target, 1_000_000, Optional.empty()))
                .isInstanceOf(IOException.class);
        assertThat(filesIn(folder)).isEmpty();
    }

    private static List<String> filesIn(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    static String sha256Hex(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** A body that never ends, counting what it served. */
    private static final class CountingStream extends InputStream {
        long served;

        @Override
        public int read() {
            served++;
            return 'y';
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            java.util.Arrays.fill(buffer, offset, offset + length, (byte) 'y');
            served += length;
            return length;
        }
    }
}
