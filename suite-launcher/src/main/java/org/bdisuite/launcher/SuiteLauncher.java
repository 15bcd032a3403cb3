package org.bdisuite.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.bdisuite.launcher.demo.DemoContext;
import org.bdisuite.launcher.demo.DemoSteps;

/**
 * {@code ./suite}: the whole suite on one machine with nothing installed but a JDK. Starts PostgreSQL, an
 * SMTP sink and an SFTP server in this JVM, the three services as child JVMs, waits until they are ready,
 * optionally loads demo data, and stops everything on Ctrl-C.
 */
public final class SuiteLauncher {

    static final String HOST = "127.0.0.1";
    /** The default ports; {@code --port-offset} moves them all. */
    static final int POSTGRES_PORT = 15432;

    static final int SMTP_PORT = 2525;
    static final int SFTP_PORT = 2222;
    /** The console: the three services under one origin (ConsoleProxy), as the Ingress serves them. */
    static final int CONSOLE_PORT = 8080;

    static final String SFTP_USER = "demo";
    static final String ADMIN_USER = "admin";
    static final int PASSWORD_LENGTH = 20;
    private static final long READY_TIMEOUT_SECONDS = 120;
    /** Name and default port of each service, in the order they are listed to the user. */
    private static final Map<String, Integer> SERVICES = servicePorts();
    /** The services' module names (their folders in the repository). */
    static final List<String> SERVICE_NAMES = List.copyOf(SERVICES.keySet());

    private final LauncherOptions options;
    private final int postgresPort;
    private final int smtpPort;
    private final int sftpPort;
    private final int consolePort;
    private final Path repositoryRoot;
    private final PrintStream out;
    private final long startedNanos;

    private SuiteLauncher(LauncherOptions options, Path repositoryRoot, PrintStream out, long startedNanos) {
        this.options = options;
        this.postgresPort = POSTGRES_PORT + options.portOffset();
        this.smtpPort = SMTP_PORT + options.portOffset();
        this.sftpPort = SFTP_PORT + options.portOffset();
        this.consolePort = CONSOLE_PORT + options.portOffset();
        this.repositoryRoot = repositoryRoot;
        this.out = out;
        this.startedNanos = startedNanos;
    }

    public static void main(String[] args) throws Exception {
        long startedNanos = System.nanoTime();
        Path repositoryRoot = repositoryRoot();
        LauncherOptions options;
        try {
            options = LauncherOptions.parse(List.of(args), repositoryRoot.resolve(".suite"));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(LauncherOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(LauncherOptions.USAGE);
            return;
        }
        RunningSuite suite = new RunningSuite(System.out);
        Runtime.getRuntime().addShutdownHook(new Thread(suite::stop, "suite-stop"));
        try {
            new SuiteLauncher(options, repositoryRoot, System.out, startedNanos).launch(suite);
        } catch (LaunchException e) {
            System.err.println();
            System.err.println("ERROR: " + e.getMessage());
            System.exit(1);
        } catch (Exception | Error e) {
            // Not something the user can fix by reading a message: show where it happened.
            System.err.println();
            System.err.println("ERROR: the suite could not start: " + e.getMessage());
            e.printStackTrace();
            System.exit(1);
        }
        // Runs until Ctrl-C (or a failing service) ends the JVM; the shutdown hook does the stopping.
        new CountDownLatch(1).await();
    }

    private void launch(RunningSuite suite) throws Exception {
        List<ServiceProcess> services = services();
        checkBuilt(services);
        checkPortsFree(services);

        Path dataDir = options.dataDir();
        createPrivateDirectory(dataDir);
        out.println("BDI Suite, data in " + dataDir);

        LocalDatabase database = suite.start(
                "PostgreSQL",
                () -> LocalDatabase.start(
                        dataDir.resolve("postgres"),
                        postgresPort,
                        dataDir.resolve("logs").resolve("postgres.log")));
        out.printf("  PostgreSQL 17  %s  (%.1f s)%n", database.jdbcUrl(), secondsSinceStart());

        GeneratedSecret adminPassword =
                GeneratedSecret.readOrCreate(dataDir.resolve("admin-password"), PASSWORD_LENGTH);
        if (adminPassword.created() && database.hasUsers()) {
            out.println("  WARNING: " + adminPassword.file() + " was missing but the database already has users, so"
                    + " the new password there is NOT the admin's. Delete " + dataDir + " to start afresh.");
        }

        Path receiverFolder = dataDir.resolve("receiver");
        Files.createDirectories(receiverFolder);
        // Stored secrets (receiver credentials, SFTP details) are encrypted with this key; it stays with the data.
        GeneratedSecret secretsKey = GeneratedSecret.readOrCreateKey(dataDir.resolve("secrets-key"));
        Map<String, String> environment = serviceEnvironment(database, adminPassword, receiverFolder, smtpPort);
        environment.put("SUITE_SECRETS_KEY", secretsKey.value());
        // The exporter's SQL data sources log in as the role suite_export_reader (made by the migrations); the
        // exporter gives it this password at start (the other services ignore it).
        GeneratedSecret exportReaderPassword =
                GeneratedSecret.readOrCreate(dataDir.resolve("export-reader-password"), PASSWORD_LENGTH);
        environment.put("SUITE_EXPORTER_READER_PASSWORD", exportReaderPassword.value());
        // Download links in the exporter's mails point at the port it runs on here.
        services.stream()
                .filter(service -> service.name().equals("exporter-service"))
                .forEach(exporter -> environment.put(
                        "SUITE_EXPORTER_DOWNLOAD_BASE_URL", exporter.baseUrl().toString()));
        // The console's session cookie is encrypted with this key; the three services share it (one sign-in).
        environment.put(
                "QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY",
                GeneratedSecret.readOrCreateKey(dataDir.resolve("console-session-key"))
                        .value());
        for (ServiceProcess service : services) {
            suite.start(service, environment);
            out.println("  starting " + service.name() + " on port " + service.port() + ", log " + service.logFile());
        }
        // The services need only the database to start (they connect to SMTP and SFTP when they send something), so
        // the mail sink and the SFTP server start while the service JVMs boot, not before them.
        LocalMailSink mailSink =
                suite.start("SMTP sink", () -> new LocalMailSink(HOST, smtpPort, dataDir.resolve("mail")).start());
        out.printf("  SMTP sink      smtp://%s:%d  mails in %s%n", HOST, smtpPort, mailSink.mailDirectory());

        GeneratedSecret sftpPassword = GeneratedSecret.readOrCreate(dataDir.resolve("sftp-password"), PASSWORD_LENGTH);
        LocalSftpServer sftpServer = suite.start(
                "SFTP server",
                () -> new LocalSftpServer(
                                HOST,
                                sftpPort,
                                dataDir.resolve("sftp"),
                                dataDir.resolve("sftp-host-key"),
                                SFTP_USER,
                                sftpPassword.value())
                        .start());
        out.printf("  SFTP server    sftp://%s@%s:%d  files in %s%n", SFTP_USER, HOST, sftpPort, sftpServer.root());

        awaitReady(suite, services);
        ConsoleProxy console = suite.start(
                "console",
                () -> ConsoleProxy.start(
                        consolePort,
                        SERVICES.get("receiver-service") + options.portOffset(),
                        SERVICES.get("batch-admin-service") + options.portOffset(),
                        SERVICES.get("exporter-service") + options.portOffset()));
        double readySeconds = secondsSinceStart();

        if (options.demo()) {
            loadDemoData(
                    database,
                    receiverFolder,
                    adminPassword,
                    services,
                    new DemoContext.LocalSftp(
                            HOST, sftpPort, SFTP_USER, sftpPassword.value(), sftpServer.hostKeyFingerprint()));
        }
        SuiteSummary.print(
                out,
                services,
                database.jdbcUrl(),
                "smtp://" + HOST + ":" + smtpPort,
                "sftp://" + SFTP_USER + "@" + HOST + ":" + sftpPort,
                sftpPassword,
                adminPassword,
                ADMIN_USER,
                console.consoleUrl(),
                readySeconds);
    }

    private List<ServiceProcess> services() {
        List<ServiceProcess> services = new ArrayList<>();
        Path logs = options.dataDir().resolve("logs");
        SERVICES.forEach((name, port) -> services.add(new ServiceProcess(
                name,
                port + options.portOffset(),
                PackagedJar.of(repositoryRoot.resolve(name), Runtime.version().feature()),
                logs.resolve(name + ".log"))));
        return services;
    }

    private static void checkBuilt(List<ServiceProcess> services) throws LaunchException {
        for (ServiceProcess service : services) {
            if (!Files.isRegularFile(service.jar())) {
                throw new LaunchException(service.name() + " is not built (" + service.jar()
                        + " is missing): run ./suite, it builds first");
            }
        }
    }

    private void checkPortsFree(List<ServiceProcess> services) throws LaunchException {
        Map<String, Integer> ports = new LinkedHashMap<>();
        services.forEach(service -> ports.put(service.name(), service.port()));
        ports.put("PostgreSQL", postgresPort);
        ports.put("SMTP", smtpPort);
        ports.put("SFTP", sftpPort);
        ports.put("console", consolePort);
        List<String> taken = Ports.taken(ports);
        if (!taken.isEmpty()) {
            throw new LaunchException("These ports are already in use: " + String.join(", ", taken)
                    + ". Is another ./suite (or a service) still running? Stop it and try again.");
        }
    }

    private static Map<String, String> serviceEnvironment(
            LocalDatabase database, GeneratedSecret adminPassword, Path receiverFolder, int smtpPort) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("QUARKUS_HTTP_HOST", HOST);
        environment.put("QUARKUS_DATASOURCE_JDBC_URL", database.jdbcUrl());
        environment.put("QUARKUS_DATASOURCE_USERNAME", LocalDatabase.USER);
        environment.put("QUARKUS_DATASOURCE_PASSWORD", LocalDatabase.PASSWORD);
        environment.put("SUITE_BOOTSTRAP_ADMIN_USER", ADMIN_USER);
        environment.put("SUITE_BOOTSTRAP_ADMIN_PASSWORD", adminPassword.value());
        environment.put(
                "SUITE_RECEIVER_BASE_FOLDER", receiverFolder.toAbsolutePath().toString());
        // Only the services that send mail read these; the others ignore them.
        environment.put("QUARKUS_MAILER_HOST", HOST);
        environment.put("QUARKUS_MAILER_PORT", String.valueOf(smtpPort));
        return environment;
    }

    private void awaitReady(RunningSuite suite, List<ServiceProcess> services) throws InterruptedException {
        long deadline = startedNanos + TimeUnit.SECONDS.toNanos(READY_TIMEOUT_SECONDS);
        List<ServiceProcess> waiting = new ArrayList<>(services);
        while (!waiting.isEmpty()) {
            waiting.removeIf(service -> {
                boolean ready = service.isReady();
                if (ready) {
                    out.printf("  %-20s ready (%.1f s)%n", service.name(), secondsSinceStart());
                }
                return ready;
            });
            if (!waiting.isEmpty() && System.nanoTime() > deadline) {
                suite.fail(
                        waiting.get(0).name() + " was not ready within " + READY_TIMEOUT_SECONDS + " s ("
                                + waiting.get(0).healthUrl() + ")",
                        waiting.get(0));
                return;
            }
            TimeUnit.MILLISECONDS.sleep(250);
        }
    }

    private void loadDemoData(
            LocalDatabase database,
            Path receiverFolder,
            GeneratedSecret adminPassword,
            List<ServiceProcess> services,
            DemoContext.LocalSftp sftp) {
        out.println();
        out.println("Demo data:");
        Map<String, URI> urls = new LinkedHashMap<>();
        services.forEach(service -> urls.put(service.name(), service.baseUrl()));
        try (Connection connection = database.connect()) {
            DemoSteps.applyAll(new DemoContext(
                    connection, receiverFolder, ADMIN_USER, adminPassword.value(), urls, out::println, sftp));
        } catch (Exception e) {
            // The services are up and useful without the demo data, so they keep running.
            out.println("  ERROR: " + e.getMessage());
            out.println("  The suite keeps running without the rest of the demo data.");
        }
    }

    private double secondsSinceStart() {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private static void createPrivateDirectory(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        Files.createDirectories(directory);
        try {
            // Passwords and the database live here.
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the user's profile folder is private already.
        }
    }

    /**
     * The checkout this jar was built in (suite-launcher/target/suite-launcher.jar lies two levels below it),
     * so that ./suite works from any directory; the current directory otherwise.
     */
    static Path repositoryRoot() {
        try {
            Path jar = Path.of(SuiteLauncher.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            Path target = jar.getParent();
            if (jar.getFileName().toString().endsWith(".jar")
                    && target != null
                    && target.getFileName().toString().equals("target")
                    && target.getParent() != null
                    && target.getParent().getParent() != null) {
                return target.getParent().getParent().toAbsolutePath().normalize();
            }
        } catch (URISyntaxException | RuntimeException e) {
            // fall through to the current directory
        }
        return Path.of("").toAbsolutePath();
    }

    private static Map<String, Integer> servicePorts() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("receiver-service", 8081);
        ports.put("batch-admin-service", 8082);
        ports.put("exporter-service", 8083);
        return Collections.unmodifiableMap(ports);
    }

    /** A reason the suite cannot start that the user can fix. */
    static final class LaunchException extends Exception {

        LaunchException(String message) {
            super(message);
        }
    }
}
