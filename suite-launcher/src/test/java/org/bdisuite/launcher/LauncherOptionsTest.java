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
        assertThat(LauncherOptions.parse(List.of(), DEFAULT)).isEqualTo(new LauncherOptions(false, DEFAULT, 0, false));
    }

    @Test
    void readsDemoAndDataDirInEitherSpelling() {
        assertThat(LauncherOptions.parse(List.of("--data-dir", "/tmp/x", "--demo"), DEFAULT))
                .isEqualTo(new LauncherOptions(true, Path.of("/tmp/x"), 0, false));
        assertThat(LauncherOptions.parse(List.of("--data-dir=/tmp/y"), DEFAULT).dataDir())
                .isEqualTo(Path.of("/tmp/y"));
    }

    @Test
    void readsAPortOffsetInEitherSpellingAndRefusesOneThatLeavesThePortRange() {
        assertThat(LauncherOptions.parse(List.of("--port-offset", "20000"), DEFAULT)
                        .portOffset())
                .isEqualTo(20000);
        assertThat(LauncherOptions.parse(List.of("--port-offset=7"), DEFAULT).portOffset())
                .isEqualTo(7);
        for (String bad : List.of("-1", "50104", "ten", "")) {
            assertThatThrownBy(() -> LauncherOptions.parse(List.of("--port-offset=" + bad), DEFAULT))
                    .hasMessage("--port-offset needs a number from 0 to 50103");
        }
        assertThatThrownBy(() -> LauncherOptions.parse(List.of("--port-offset"), DEFAULT))
                .hasMessage("--port-offset needs a number from 0 to 50103");
    }

    @Test
    void refusesWhatItDoesNotKnow() {
        assertThatThrownBy(() -> LauncherOptions.parse(List.of("--dmeo"), DEFAULT))
                .hasMessage("Unknown argument: --dmeo");
        assertThatThrownBy(() -> LauncherOptions.parse(List.of("--data-dir"), DEFAULT))
                .hasMessage("--data-dir needs a directory");
    }
}
