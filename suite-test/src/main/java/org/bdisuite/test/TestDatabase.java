package org.bdisuite.test;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A real PostgreSQL 17 for tests, started once per JVM (2-6 s) and stopped when the JVM exits. Every
 * {@link #createDatabase()} hands out a new, empty database in it, so each Quarkus application start
 * migrates from nothing and tests never see another test class's rows.
 */
public final class TestDatabase {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static EmbeddedPostgres cluster;

    private TestDatabase() {}

    /** Where a database is and how to log in to it. */
    public record Coordinates(String jdbcUrl, String username, String password) {

        public Connection connect() throws SQLException {
            return DriverManager.getConnection(jdbcUrl, username, password);
        }

        /** A data source of this database that opens a new session on every getConnection(). */
        public PGSimpleDataSource dataSource() {
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setUrl(jdbcUrl);
            dataSource.setUser(username);
            dataSource.setPassword(password);
            return dataSource;
        }
    }

    /** Creates a new empty database in the shared cluster. */
    public static Coordinates createDatabase() {
        EmbeddedPostgres postgres = cluster();
        String name = "suite_test_" + ProcessHandle.current().pid() + "_" + SEQUENCE.incrementAndGet();
        try (Connection admin = postgres.getPostgresDatabase().getConnection();
                Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create test database " + name, e);
        }
        return new Coordinates(postgres.getJdbcUrl("postgres", name), "postgres", "postgres");
    }

    private static synchronized EmbeddedPostgres cluster() {
        if (cluster == null) {
            try {
                // The registered shutdown hook stops the server and removes its data directory.
                cluster = EmbeddedPostgres.builder()
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off")
                        .setServerConfig("max_connections", "300")
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
            }
        }
        return cluster;
    }
}
