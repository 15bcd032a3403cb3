package org.bdisuite.launcher;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The suite's PostgreSQL 17: a real server from zonky's binaries whose data directory survives restarts,
 * so that users, interfaces and job history are still there on the next run.
 */
final class LocalDatabase implements AutoCloseable {

    static final String DATABASE = "bdisuite";
    static final String USER = "postgres";
    /** zonky's initdb trusts local connections; the services send this password anyway (their %dev default). */
    static final String PASSWORD = "postgres";

    private final EmbeddedPostgres postgres;
    private final int port;

    private LocalDatabase(EmbeddedPostgres postgres, int port) {
        this.postgres = postgres;
        this.port = port;
    }

    static LocalDatabase start(Path dataDirectory, int port, Path logFile) throws IOException, SQLException {
        Files.createDirectories(dataDirectory);
        Files.createDirectories(logFile.getParent());
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPort(port)
                // The launcher stops PostgreSQL itself, after the services that use it.
                .setRegisterShutdownHook(false)
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        LocalDatabase database = new LocalDatabase(postgres, port);
        try {
            database.createDatabaseIfMissing();
        } catch (SQLException | RuntimeException e) {
            database.close();
            throw e;
        }
        return database;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), USER, PASSWORD);
    }

    /** Whether the services have already created users here (the schema exists and has rows). */
    boolean hasUsers() throws SQLException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement();
                ResultSet table = statement.executeQuery("SELECT to_regclass('public.suite_user') IS NOT NULL")) {
            table.next();
            if (!table.getBoolean(1)) {
                return false;
            }
            try (ResultSet rows = statement.executeQuery("SELECT EXISTS (SELECT 1 FROM suite_user)")) {
                rows.next();
                return rows.getBoolean(1);
            }
        }
    }

    private void createDatabaseIfMissing() throws SQLException {
        try (Connection admin = postgres.getPostgresDatabase().getConnection();
                PreparedStatement exists = admin.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, DATABASE);
            try (ResultSet row = exists.executeQuery()) {
                if (row.next()) {
                    return;
                }
            }
            try (Statement create = admin.createStatement()) {
                create.execute("CREATE DATABASE " + DATABASE);
            }
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
