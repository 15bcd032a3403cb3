package org.bdisuite.console;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.bdisuite.launcher.ConsoleProxy;
import org.bdisuite.launcher.demo.DemoContext;
import org.bdisuite.launcher.demo.DemoSteps;
import org.bdisuite.test.ServiceProcess;
import org.bdisuite.test.TestDatabase;

/**
 * The three packaged services on one embedded PostgreSQL, with the demo data of {@code ./suite --demo}, a GreenMail
 * SMTP server for the exporter's mail, one user per role, and the launcher's {@link ConsoleProxy} in front: the
 * console at one origin, as behind the Ingress. Started once for all the browser scenarios.
 */
final class ConsoleSuite implements AutoCloseable {

    static final String ADMIN = "console-admin";
    static final String PASSWORD = "console-password-1";
    /** One user per role besides the bootstrap admin. */
    static final Map<String, String> ROLE_USERS = Map.of(
            "console-operator", "bdi-operator",
            "console-monitor", "bdi-monitor",
            "console-exporter", "DATAEXPORTER");

    final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    final GreenMail mail;
    final Path work;
    final TestDatabase.Coordinates database;
    ConsoleProxy proxy;

    private ConsoleSuite(GreenMail mail, Path work, TestDatabase.Coordinates database) {
        this.mail = mail;
        this.work = work;
        this.database = database;
    }

    static ConsoleSuite start() throws Exception {
        GreenMail mail = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        ConsoleSuite suite =
                new ConsoleSuite(mail, Files.createTempDirectory("console-it"), TestDatabase.createDatabase());
        try {
            suite.startServices();
            suite.loadDemoData();
            suite.createUsers();
        } catch (Exception e) {
            suite.close();
            throw e;
        }
        return suite;
    }

    private void startServices() throws Exception {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Map<String, String> environment = ServiceProcess.suiteEnvironment(database, ADMIN, PASSWORD, work);
        environment.put("SUITE_SECRETS_KEY", Base64.getEncoder().encodeToString(key));
        new SecureRandom().nextBytes(key);
        environment.put(
                "QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY", Base64.getEncoder().encodeToString(key));
        environment.put("SUITE_EXPORTER_WORK_DIR", work.resolve("runs").toString());
        environment.put("SUITE_EXPORTER_LOG_DIR", work.resolve("logs").toString());
        environment.put(
                "SUITE_EXPORTER_SERVICES_FILES_DIR", work.resolve("services").toString());
        environment.put("SUITE_EXPORTER_DAILY_ENABLED", "false");
        environment.put("QUARKUS_MAILER_HOST", "127.0.0.1");
        environment.put("QUARKUS_MAILER_PORT", String.valueOf(mail.getSmtp().getPort()));
        List<String> modules = List.of("receiver-service", "batch-admin-service", "exporter-service");
        // The first migrates the schema and creates the bootstrap admin; the other two then start side by side.
        services.put(modules.get(0), ServiceProcess.start(modules.get(0), environment, work));
        Map<String, CompletableFuture<ServiceProcess>> others = new LinkedHashMap<>();
        for (String module : modules.subList(1, 3)) {
            others.put(module, CompletableFuture.supplyAsync(() -> {
                try {
                    return ServiceProcess.start(module, environment, work);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }));
        }
        others.forEach((module, started) -> services.put(module, started.join()));
        proxy = ConsoleProxy.start(
                0,
                services.get("receiver-service").port(),
                services.get("batch-admin-service").port(),
                services.get("exporter-service").port());
    }

    /** What ./suite --demo loads: the Diff_Fnd pipeline, its receiver destination, an export schedule. */
    private void loadDemoData() throws Exception {
        Map<String, URI> urls = new LinkedHashMap<>();
        services.forEach((module, service) -> urls.put(module, service.uri()));
        try (Connection connection = database.connect()) {
            DemoSteps.applyAll(
                    new DemoContext(connection, work.resolve("receiver"), ADMIN, PASSWORD, urls, line -> {}));
        }
    }

    private void createUsers() throws Exception {
        for (Map.Entry<String, String> user : ROLE_USERS.entrySet()) {
            String body = "{\"username\":\"" + user.getKey() + "\",\"password\":\"" + PASSWORD + "\",\"roles\":[\""
                    + user.getValue() + "\"]}";
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(services.get("batch-admin-service")
                                            .uri()
                                            .resolve("/system-setting/users"))
                                    .header(
                                            "Authorization",
                                            "Basic "
                                                    + Base64.getEncoder()
                                                            .encodeToString((ADMIN + ":" + PASSWORD)
                                                                    .getBytes(StandardCharsets.UTF_8)))
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(body))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                throw new IllegalStateException("Could not create " + user.getKey() + ": " + response.body());
            }
        }
    }

    /** The console's address at the one origin. */
    String url(String path) {
        return "http://localhost:" + proxy.port() + path;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
        for (ServiceProcess service : services.values()) {
            service.close();
        }
        mail.stop();
    }
}
