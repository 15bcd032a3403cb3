package org.bdisuite.batchadmin;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * A real SMTP server (GreenMail) in the test JVM that batch-admin's mailer is pointed at, and notification settings
 * that make retries immediate (no back-off) and few, so a failing webhook reaches FAILED within one round.
 */
public class NotificationMailResource implements QuarkusTestResourceLifecycleManager {

    static GreenMail greenMail;

    @Override
    public Map<String, String> start() {
        greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        greenMail.start();
        return Map.of(
                "quarkus.mailer.mock", "false",
                "quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", Integer.toString(greenMail.getSmtp().getPort()),
                "quarkus.mailer.start-tls", "DISABLED",
                "suite.notifications.backoff", "0s",
                "suite.notifications.max-attempts", "3");
    }

    @Override
    public void stop() {
        if (greenMail != null) {
            greenMail.stop();
        }
    }
}
