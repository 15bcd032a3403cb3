package org.bdisuite.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bdisuite.test.ServiceProcess;
import org.bdisuite.test.TestDatabase;

/**
 * The three packaged services as processes against one embedded PostgreSQL, started once per test JVM (the auth
 * matrix and the fuzz share them) and stopped when it exits; plus one user per role, created through batch-admin's
 * {@code /system-setting/users} as the bootstrap admin (the services share the user table).
 * <p>
 * The login throttle is set far above what the matrix's wrong-password calls and the fuzz send from one address
 * ({@code suite.security.login-throttle.*}), so that a throttle answer (429) never hides the status under test.
 */
public final class SuiteUnderTest {

    public static final List<String> SERVICES = List.of("receiver-service", "batch-admin-service", "exporter-service");
    /** The four roles of the suite, in the order the matrix calls them. */
    public static final List<String> ROLES = List.of("bdi-admin", "bdi-operator", "bdi-monitor", "DATAEXPORTER");

    public static final Credentials BOOTSTRAP_ADMIN =
            new Credentials("fuzz-bootstrap-admin", "fuzz-bootstrap-password-1");
    private static final String ROLE_PASSWORD = "matrix-role-password-1";
    /** The user whose name the wrong-password calls send: its own, so no other user's failure count grows. */
    public static final Credentials WRONG_PASSWORD = new Credentials("matrix-wrong-password", "not-the-password-of-it");

    /**
     * The receiver user the exporter's RECEIVER deliveries send as. Nothing creates it at start, so a delivery fails
     * (401) until a test creates it (the SDK test does, to see a failed run retried successfully).
     */
    public static final Credentials EXPORTER_SENDER = new Credentials("sdk-exporter-sender", "sdk-sender-password-1");

    private static SuiteUnderTest instance;

    private TestDatabase.Coordinates database;
    private final Map<String, ServiceProcess> services;
    private final Path logs;
    private final Map<String, Credentials> roleUsers = new LinkedHashMap<>();

    private SuiteUnderTest(Map<String, ServiceProcess> services, Path logs) {
        this.services = services;
        this.logs = logs;
    }

    public record Credentials(String username, String password) {

        public String basic() {
            return "Basic "
                    + Base64.getEncoder()
                            .encodeToString(
                                    (username + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /** The running suite, started on first use. */
    public static synchronized SuiteUnderTest get() {
        if (instance == null) {
            try {
                instance = start();
            } catch (IOException e) {
                throw new IllegalStateException("Could not start the services", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stop));
        }
        return instance;
    }

    private static SuiteUnderTest start() throws IOException {
        TestDatabase.Coordinates database = TestDatabase.createDatabase();
        Path work = Files.createTempDirectory("contract-it");
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Map<String, String> environment =
                ServiceProcess.suiteEnvironment(database, BOOTSTRAP_ADMIN.username(), BOOTSTRAP_ADMIN.password(), work);
        environment.put("SUITE_SECRETS_KEY", Base64.getEncoder().encodeToString(key));
        environment.put("SUITE_EXPORTER_WORK_DIR", work.resolve("runs").toString());
        environment.put("SUITE_EXPORTER_LOG_DIR", work.resolve("logs").toString());
        environment.put(
                "SUITE_EXPORTER_SERVICES_FILES_DIR", work.resolve("services").toString());
        environment.put("SUITE_EXPORTER_DAILY_ENABLED", "false");
        // The login of the exporter's SQL data sources (role suite_export_reader), random as ./suite makes it.
        environment.put("SUITE_EXPORTER_READER_PASSWORD", "reader-" + java.util.UUID.randomUUID());
        // The embedded PostgreSQL's URL names its user (user=postgres); the last user= wins, so the pool names its own.
        environment.put("QUARKUS_DATASOURCE_EXPORT_READER_JDBC_URL", database.jdbcUrl() + "&user=suite_export_reader");
        // Far above the matrix's and the fuzz's failed logins from 127.0.0.1 (see the class comment).
        environment.put("SUITE_SECURITY_LOGIN_THROTTLE_MAX_FAILURES_PER_USER", "1000000");
        environment.put("SUITE_SECURITY_LOGIN_THROTTLE_MAX_FAILURES_PER_ADDRESS", "1000000");
        Map<String, ServiceProcess> started = new LinkedHashMap<>();
        SuiteUnderTest suite = new SuiteUnderTest(started, work);
        suite.database = database;
        try {
            // The first migrates the schema and creates the bootstrap admin; the other two then start side by side.
            started.put(SERVICES.get(0), ServiceProcess.start(SERVICES.get(0), environment, work));
            // The exporter's RECEIVER operation sends to this receiver (SERVICES.get(0) is the receiver).
            environment.put(
                    "SUITE_EXPORTER_RECEIVER_URL", suite.uri(SERVICES.get(0)).toString());
            environment.put("SUITE_EXPORTER_RECEIVER_USER", EXPORTER_SENDER.username());
            environment.put("SUITE_EXPORTER_RECEIVER_PASSWORD", EXPORTER_SENDER.password());
            Map<String, java.util.concurrent.CompletableFuture<ServiceProcess>> others = new LinkedHashMap<>();
            for (String service : SERVICES.subList(1, SERVICES.size())) {
                others.put(service, java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    try {
                        return ServiceProcess.start(service, environment, work);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }));
            }
            for (Map.Entry<String, java.util.concurrent.CompletableFuture<ServiceProcess>> other : others.entrySet()) {
                started.put(other.getKey(), other.getValue().join());
            }
            suite.createRoleUsers();
        } catch (RuntimeException | IOException e) {
            suite.stop();
            throw e;
        }
        return suite;
    }

    private void createRoleUsers() throws IOException {
        for (String role : ROLES) {
            Credentials user = new Credentials("matrix-" + role.toLowerCase(java.util.Locale.ROOT), ROLE_PASSWORD);
            createUser(user, role);
            roleUsers.put(role, user);
        }
        createUser(new Credentials(WRONG_PASSWORD.username(), ROLE_PASSWORD), "bdi-admin");
    }

    private void createUser(Credentials user, String role) throws IOException {
        String body = "{\"username\":\"" + user.username() + "\",\"password\":\"" + user.password() + "\",\"roles\":[\""
                + role + "\"]}";
        HttpRequest request = HttpRequest.newBuilder(uri("batch-admin-service").resolve("system-setting/users"))
                .header("Authorization", BOOTSTRAP_ADMIN.basic())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response =
                    HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                throw new IllegalStateException("Could not create user " + user.username() + ": "
                        + response.statusCode() + " " + response.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    public URI uri(String service) {
        return services.get(service).uri();
    }

    /** The database the services share (for a test's fixtures that no API makes, such as a source table). */
    public TestDatabase.Coordinates database() {
        return database;
    }

    /** Where the services' logs are (a 5xx's stack trace is there). */
    public Path logs() {
        return logs;
    }

    public Credentials roleUser(String role) {
        return roleUsers.get(role);
    }

    /** The admin the fuzz sends as: one of the users made here, not the bootstrap admin. */
    public Credentials admin() {
        return roleUsers.get("bdi-admin");
    }

    private void stop() {
        for (ServiceProcess service : services.values()) {
            try {
                service.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
