package org.bdisuite.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class LauncherOptionsTest {

    private static final Path DEFAULT = Path.of("/repo/.suite");

    @Test
    void defaultsToNoDemoAndTheDefaultDataDir() {
        assertThat(LauncherOptions.parse(List.of(), DEFAULT)).isEqualTo(new LauncherOptions(false, DEFAULT, false));
    }

    @Test
    void readsDemoAndDataDirInEitherSpelling() {
        assertThat(LauncherOptions.parse(List.of("--data-dir", "/tmp/x", "--demo"), DEFAULT))
                .isEqualTo(new LauncherOptions(true, Path.of("/tmp/x"), false));
        assertThat(LauncherOptions.parse(List.of("--data-dir=/tmp/y"), DEFAULT).dataDir())
                .isEqualTo(Path.of("/tmp/y"));
    }

    @Test
    void refusesWhatItDoesNotKnow() {
        assertThatThrownBy(() -> LauncherOptions.parse(List.of("--dmeo"), DEFAULT))
                .hasMessage("Unknown argument: --dmeo");
        assertThatThrownBy(() -> LauncherOptions.parse(List.of("--data-dir"), DEFAULT))
                .hasMessage("--data-dir needs a directory");
    }
}
