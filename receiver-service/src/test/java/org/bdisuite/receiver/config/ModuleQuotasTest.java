package org.bdisuite.receiver.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** suite.receiver.quota.modules: {@code <module>=<size>,...}, module names kept exactly as written. */
class ModuleQuotasTest {

    private final ModuleQuotas.Reader reader = new ModuleQuotas.Reader();

    @Test
    void readsEachModulesSizeKeepingTheNameAsWritten() {
        ModuleQuotas quotas = reader.convert(" Diff_Fnd=100G, Other.Mod=512M,Tiny=100 ,");
        assertThat(quotas.of("Diff_Fnd")).contains(100L * 1024 * 1024 * 1024);
        assertThat(quotas.of("Other.Mod")).contains(512L * 1024 * 1024);
        assertThat(quotas.of("Tiny")).contains(100L);
        assertThat(quotas.of("diff_fnd")).isEmpty();
    }

    @Test
    void anEntryThatIsNotModuleEqualsSizeStopsTheStart() {
        assertThatThrownBy(() -> reader.convert("Diff_Fnd")).hasMessageContaining("'Diff_Fnd' is not <module>=<size>");
        assertThatThrownBy(() -> reader.convert("=5G")).hasMessageContaining("is not <module>=<size>");
        assertThatThrownBy(() -> reader.convert("Diff_Fnd=lots")).isInstanceOf(IllegalArgumentException.class);
    }
}
