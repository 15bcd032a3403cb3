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
 * @param sftp        the local SFTP server export schedules deliver to (null when there is none)
 */
public record DemoContext(
        Connection connection,
        Path receiverBaseFolder,
        String adminUser,
        String adminPassword,
        Map<String, URI> serviceUrls,
        Consumer<String> reporter,
        LocalSftp sftp) {

    public DemoContext {
        serviceUrls = Map.copyOf(serviceUrls);
    }

    public DemoContext(
            Connection connection,
            Path receiverBaseFolder,
            String adminUser,
            String adminPassword,
            Map<String, URI> serviceUrls,
            Consumer<String> reporter) {
        this(connection, receiverBaseFolder, adminUser, adminPassword, serviceUrls, reporter, null);
    }

    /**
     * The local SFTP server.
     *
     * @param host               host
     * @param port               port
     * @param user               login
     * @param password           its password (never printed)
     * @param hostKeyFingerprint SHA256 fingerprint of its host key
     */
    public record LocalSftp(String host, int port, String user, String password, String hostKeyFingerprint) {

        @Override
        public String toString() {
            return "LocalSftp[" + user + "@" + host + ":" + port + "]";
        }
    }

    /** Tells the user what the step did. */
    public void report(String line) {
        reporter.accept(line);
    }

    @Override
    public String toString() {
        // Never print the admin password by accident.
        return "DemoContext[receiverBaseFolder=" + receiverBaseFolder + ", adminUser=" + adminUser + ", serviceUrls="
                + serviceUrls + "]";
    }
}
