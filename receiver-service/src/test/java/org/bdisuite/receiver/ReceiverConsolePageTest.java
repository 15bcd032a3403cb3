package org.bdisuite.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import javax.sql.DataSource;
import org.bdisuite.model.Roles;
import org.bdisuite.test.ConsoleSession;
import org.bdisuite.test.EmbeddedPostgresResource;
import org.bdisuite.test.Sql;
import org.bdisuite.test.TestUsers;
import org.bdisuite.test.TestUsers.TestUser;
import org.junit.jupiter.api.Test;

/** The console's Receiver page shows each interface's receiver options, the ones its next transmission uses. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class ReceiverConsolePageTest {

    @Inject
    DataSource dataSource;

    @TestHTTPResource("/")
    URI base;

    @Test
    void theReceiverPageShowsTheReceiverOptionsPerInterface() throws Exception {
        Sql.execute(
                dataSource,
                "INSERT INTO bdi_receiver_options (interface_module, interface_short_name, base_folder, merge_strategy)"
                        + " VALUES ('PageModule', 'PageIface', '/srv/page-inbox', 'MERGE_TO_INTERFACE_LEVEL')"
                        + " ON CONFLICT (interface_module, interface_short_name) DO NOTHING");
        TestUser monitor = TestUsers.create(dataSource, "receiver-page-monitor", Roles.MONITOR);
        String page = ConsoleSession.signIn(base, monitor.username(), monitor.password())
                .get("/console/receiver")
                .body();
        assertThat(page)
                .contains("id=\"receiver-options\"", "PageModule", "PageIface", "/srv/page-inbox")
                .contains("MERGE_TO_INTERFACE_LEVEL")
                // A monitor is not sent to a page whose changes it may not make.
                .doesNotContain("/console/settings#receiver-options");
    }
}
