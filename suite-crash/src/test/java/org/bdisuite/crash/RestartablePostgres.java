package org.bdisuite.crash;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.bdisuite.test.TestDatabase;

/**
 * A PostgreSQL of its own for the database restart trials (the shared test cluster must not go away under other
 * tests): its data folder and port stay the same across {@link #stop()} (pg_ctl stop -m fast: sessions are cut off,
 * open transactions roll back) and {@link #start()}, so the services' JDBC URL stays valid.
 */
final class RestartablePostgres implements AutoCloseable {

    private final Path dataDirectory;
    private final int port;
    private EmbeddedPostgres postgres;

    RestartablePostgres() throws IOException {
        this.dataDirectory = Files.createTempDirectory("crash-postgres");
        try (ServerSocket socket = new ServerSocket(0)) {
            this.port = socket.getLocalPort();
        }
        start();
    }

    void start() throws IOException {
        postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("max_connections", "200")
                .start();
    }

    void stop() throws IOException {
        postgres.close();
        postgres = null;
    }

    /** A new database in this server. */
    TestDatabase.Coordinates createDatabase(String name) throws Exception {
        try (Connection admin = postgres.getPostgresDatabase().getConnection();
                Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        return new TestDatabase.Coordinates(postgres.getJdbcUrl("postgres", name), "postgres", "postgres");
    }

    @Override
    public void close() throws IOException {
        if (postgres != null) {
            stop();
        }
    }
}
