package org.bdisuite.launcher.demo;

import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What a demo step may use: the suite's database (one transaction per step, committed by the runner), the
 * receiver's base folder, and the admin login and service URLs for steps that go through the APIs.
 *
 * @param serviceUrls base URL per service name, e.g. "exporter-service" to http://127.0.0.1:8083
 */
public record DemoContext(Connection connection, Path receiverBaseFolder, String adminUser, String adminPassword,
                          Map<String, URI> serviceUrls, Consumer<String> reporter) {

    public DemoContext {
        serviceUrls = Map.copyOf(serviceUrls);
    }

    /** Tells the user what the step did. */
    public void report(String line) {
        reporter.accept(line);
    }

    @Override
    public String toString() {
        // Never print the admin password by accident.
        return "DemoContext[receiverBaseFolder=" + receiverBaseFolder + ", adminUser=" + adminUser
                + ", serviceUrls=" + serviceUrls + "]";
    }
}
