package org.bdisuite.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratedSecretTest {

    @TempDir
    Path dataDir;

    @Test
    void theFirstRunCreatesAPrivateFileAndLaterRunsReadIt() throws Exception {
        Path file = dataDir.resolve("admin-password");

        GeneratedSecret first = GeneratedSecret.readOrCreate(file, 20);
        assertThat(first.created()).isTrue();
        assertThat(first.value()).hasSize(20).matches("[A-Za-z0-9]+");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");

        GeneratedSecret second = GeneratedSecret.readOrCreate(file, 20);
        assertThat(second.created()).isFalse();
        assertThat(second.value()).isEqualTo(first.value());
        assertThat(second.toString()).doesNotContain(first.value());
    }
}
