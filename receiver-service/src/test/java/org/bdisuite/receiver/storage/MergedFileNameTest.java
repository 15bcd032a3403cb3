package org.bdisuite.receiver.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MergedFileNameTest {

    @Test
    void theInterfaceShortNameReplacesItsPlaceholder() {
        assertThat(MergedFileName.of("{interface}.csv").forInterface("Diff")).isEqualTo("Diff.csv");
        assertThat(MergedFileName.of("merged-{interface}.dat").forInterface("Diff"))
                .isEqualTo("merged-Diff.dat");
    }

    @Test
    void aPatternWithoutThePlaceholderOrThatIsNoPlainFileNameIsRefused() {
        assertThatThrownBy(() -> MergedFileName.of("merged.csv")).hasMessageContaining("{interface}");
        assertThatThrownBy(() -> MergedFileName.of("../{interface}.csv")).hasMessageContaining("plain file name");
        assertThatThrownBy(() -> MergedFileName.of(".{interface}")).hasMessageContaining("plain file name");
    }
}
