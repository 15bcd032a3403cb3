package org.bdisuite.exporter;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** A real SMTP server (GreenMail) in the test JVM; the exporter's mailer is pointed at it, not mocked. */
public class GreenMailResource implements QuarkusTestResourceLifecycleManager {

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
                "suite.exporter.mail.max-attachment-bytes", "2000",
                "suite.exporter.download-base-url", "http://exporter.test/");
    }

    @Override
    public void stop() {
        if (greenMail != null) {
            greenMail.stop();
        }
    }
}
