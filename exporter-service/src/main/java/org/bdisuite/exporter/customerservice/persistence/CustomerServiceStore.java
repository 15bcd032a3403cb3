package org.bdisuite.exporter.customerservice.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Optional;
import javax.sql.DataSource;
import org.bdisuite.exporter.generator.CopyCsvWriter;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The exporter_service table in plain JDBC: the services are written by COPY (bulk ingest) and read by cursors
 * (the stream), so a JPA entity would only stand in the way. Callers own the transaction.
 */
@ApplicationScoped
public class CustomerServiceStore {

    /** A validated service to insert; {@code content} is a JSON object's text. */
    public record NewService(
            String type, String customerId, String content, OffsetDateTime startedAt, OffsetDateTime completedAt) {}

    /** A stored service's event times. */
    public record Events(OffsetDateTime startedAt, OffsetDateTime completedAt) {}

    private static final String BY_ID = CustomerServiceColumns.asJsonObjects(
            "SELECT " + CustomerServiceColumns.SELECT_LIST + " FROM exporter_service WHERE id = ?");

    private final DataSource dataSource;

    public CustomerServiceStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public long insert(NewService service) {
        return query(
                        "INSERT INTO exporter_service (type, customer_id, content, started_at, completed_at)"
                                + " VALUES (?, ?, ?::jsonb, ?, ?) RETURNING id",
                        statement -> {
                            statement.setString(1, service.type());
                            statement.setString(2, service.customerId());
                            statement.setString(3, service.content());
                            statement.setObject(4, service.startedAt());
                            statement.setObject(5, service.completedAt());
                        },
                        rows -> rows.getLong(1))
                .orElseThrow();
    }

    /** The service's events, its row locked until the transaction ends (so that two ends apply one at a time). */
    public Optional<Events> lockEvents(long id) {
        return query(
                "SELECT started_at, completed_at FROM exporter_service WHERE id = ? FOR UPDATE",
                statement -> statement.setLong(1, id),
                rows -> new Events(rows.getObject(1, OffsetDateTime.class), rows.getObject(2, OffsetDateTime.class)));
    }

    public void complete(long id, OffsetDateTime completedAt) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement("UPDATE exporter_service SET completed_at = ?,"
                        + " version = version + 1 WHERE id = ? AND completed_at IS NULL")) {
            update.setObject(1, completedAt);
            update.setLong(2, id);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not complete service " + id, e);
        }
    }

    /** The service as one JSON object text, printed as the stream prints it. */
    public Optional<String> json(long id) {
        return query(BY_ID, statement -> statement.setLong(1, id), rows -> rows.getString(1));
    }

    /** Feeds services into a bulk COPY, one at a time; a failure it throws stores nothing. */
    @FunctionalInterface
    public interface Feed {
        void into(ServiceSink sink) throws IOException;
    }

    /** Takes one service of a bulk load. */
    @FunctionalInterface
    public interface ServiceSink {
        void add(NewService service) throws IOException;
    }

    /**
     * Stores the services the feed gives in one transaction through {@code COPY exporter_service ... FROM STDIN
     * (FORMAT csv)}: each service is written as a CSV record (opencsv, as COPY reads them) as it comes, nothing is
     * held, and a failure of the feed cancels the COPY and rolls back, so that nothing is stored. Returns the rows
     * PostgreSQL stored.
     */
    public long copyIn(Feed feed) throws IOException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            CopyIn copy = null;
            try {
                copy = connection
                        .unwrap(PGConnection.class)
                        .getCopyAPI()
                        .copyIn("COPY exporter_service (type, customer_id, content, started_at, completed_at)"
                                + " FROM STDIN (FORMAT csv)");
                CopyInStream stream = new CopyInStream(copy);
                CopyCsvWriter csv = new CopyCsvWriter(stream);
                feed.into(service -> csv.write(new String[] {
                    service.type(),
                    service.customerId(),
                    service.content(),
                    service.startedAt().toString(),
                    service.completedAt() == null ? null : service.completedAt().toString()
                }));
                csv.flush();
                long stored = copy.endCopy();
                connection.commit();
                return stored;
            } catch (SQLException | IOException | RuntimeException e) {
                cancel(copy);
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The bulk ingest failed: " + e.getMessage(), e);
        }
    }

    private static void cancel(CopyIn copy) {
        try {
            if (copy != null && copy.isActive()) {
                copy.cancelCopy();
            }
        } catch (SQLException ignored) {
            // the transaction is rolled back next
        }
    }

    /** The bytes of a COPY FROM STDIN as an output stream. */
    private static final class CopyInStream extends OutputStream {

        private final CopyIn copy;

        CopyInStream(CopyIn copy) {
            this.copy = copy;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            try {
                copy.writeToCopy(bytes, offset, length);
            } catch (SQLException e) {
                throw new IOException("The bulk ingest's COPY failed: " + e.getMessage(), e);
            }
        }
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    @FunctionalInterface
    private interface RowMapper<T> {
        T map(ResultSet rows) throws SQLException;
    }

    private <T> Optional<T> query(String sql, Binder binder, RowMapper<T> mapper) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(mapper.map(rows)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("A services query failed: " + e.getMessage(), e);
        }
    }
}
