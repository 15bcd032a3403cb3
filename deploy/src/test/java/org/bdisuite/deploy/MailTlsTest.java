package org.bdisuite.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bdisuite.deploy.Rendered.container;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The exporter's SMTP session: STARTTLS is required (an attacker on the path cannot strip it and read the mails
 * and the relay password) in the base and so in prod; only dev, whose test relays seldom offer it, relaxes it.
 */
class MailTlsTest {

    private static Map<String, String> exporterEnvironment(Layout layout) {
        Rendered rendered = layout.render();
        return rendered.environment(container(rendered.deployment(Service.EXPORTER.name)));
    }

    @Test
    void prodRequiresStartTlsAndVerifiesTheRelay() {
        Map<String, String> env = exporterEnvironment(Layout.PROD);
        assertThat(env).containsEntry("QUARKUS_MAILER_START_TLS", "REQUIRED");
        assertThat(env.getOrDefault("QUARKUS_MAILER_TRUST_ALL", "false"))
                .as("prod trusts any relay certificate")
                .isEqualToIgnoringCase("false");
    }

    @Test
    void theBaseRequiresStartTlsSoAnyNewOverlayDoes() {
        assertThat(exporterEnvironment(Layout.BASE)).containsEntry("QUARKUS_MAILER_START_TLS", "REQUIRED");
    }

    @Test
    void devTakesStartTlsWhenOffered() {
        assertThat(exporterEnvironment(Layout.DEV)).containsEntry("QUARKUS_MAILER_START_TLS", "OPTIONAL");
    }

    /** batch-admin sends notification mails through the same kind of relay, under the same rule. */
    @Test
    void batchAdminRequiresStartTlsForNotificationMailsInTheBaseAndProd() {
        for (Layout layout : new Layout[] {Layout.BASE, Layout.PROD}) {
            Rendered rendered = layout.render();
            Map<String, String> env = rendered.environment(container(rendered.deployment(Service.BATCH_ADMIN.name)));
            assertThat(env).as("%s batch-admin", layout).containsEntry("QUARKUS_MAILER_START_TLS", "REQUIRED");
            assertThat(env.getOrDefault("QUARKUS_MAILER_TRUST_ALL", "false")).isEqualToIgnoringCase("false");
        }
    }
}
