package org.bdisuite.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bdisuite.deploy.Rendered.container;
import static org.bdisuite.deploy.Rendered.list;
import static org.bdisuite.deploy.Rendered.volumeOf;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * batch-admin's setup-data folder in every layout: SUITE_BATCH_SETUP_DATA_DIR names it, and its batch-jobs and
 * seed-data folders are generated (hash-suffixed, so a changed file rolls the pods) ConfigMaps, mounted read-only.
 */
class SetupDataTest {

    private static final String FOLDER = "/etc/bdi-suite/setup-data";

    @Test
    void batchAdminReadsJobXmlsFromAConfigMapMountedInItsSetupDataFolder() {
        for (Layout layout : new Layout[] {Layout.BASE, Layout.DEV, Layout.PROD}) {
            Rendered rendered = layout.render();
            JsonNode deployment = rendered.deployment(Service.BATCH_ADMIN.name);
            JsonNode container = container(deployment);
            assertThat(rendered.environment(container))
                    .as("%s batch-admin", layout)
                    .containsEntry("SUITE_BATCH_SETUP_DATA_DIR", FOLDER);
            JsonNode mount = list(container.path("volumeMounts")).stream()
                    .filter(m ->
                            (FOLDER + "/batch-jobs").equals(m.path("mountPath").asText()))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(layout + ": nothing mounted at " + FOLDER + "/batch-jobs"));
            assertThat(mount.path("readOnly").asBoolean())
                    .as("%s read-only", layout)
                    .isTrue();
            String configMap =
                    volumeOf(deployment, mount).path("configMap").path("name").asText();
            assertThat(configMap).as("%s: a generated ConfigMap", layout).startsWith("batch-admin-setup-data-jobs-");
            assertThat(rendered.get("ConfigMap", configMap).path("data").has("README.txt"))
                    .isTrue();
        }
    }
}
