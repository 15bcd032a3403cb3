package org.bdisuite.exporter.customerservice.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Optional;
import javax.sql.DataSource;
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

    /** Starts a COPY of services on a connection whose transaction the caller commits or rolls back. */
    public static BulkCopy copy(Connection connection) throws SQLException {
        return new BulkCopy(connection
                .unwrap(PGConnection.class)
                .getCopyAPI()
                .copyIn("COPY exporter_service"
                        + " (type, customer_id, content, started_at, completed_at) FROM STDIN (FORMAT csv)"));
    }

    /** Services streamed into a COPY as CSV records; nothing is visible before the transaction commits. */
    public static final class BulkCopy {

        private final CopyIn copy;
        private final StringBuilder line = new StringBuilder(256);

        private BulkCopy(CopyIn copy) {
            this.copy = copy;
        }

        public void add(NewService service) throws SQLException {
            line.setLength(0);
            quoted(service.type()).append(',');
            quoted(service.customerId()).append(',');
            quoted(service.content()).append(',');
            quoted(service.startedAt().toString()).append(',');
            if (service.completedAt() != null) {
                quoted(service.completedAt().toString());
            }
            byte[] bytes = line.append('\n').toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
        }

        private StringBuilder quoted(String value) {
            line.append('"');
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                line.append(c);
                if (c == '"') {
                    line.append('"');
                }
            }
            return line.append('"');
        }

        /** Ends the COPY; returns the rows PostgreSQL stored. */
        public long finish() throws SQLException {
            return copy.endCopy();
        }

        /** Abandons the COPY (a bad line): nothing of it is stored. */
        public void cancel() {
            try {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            } catch (SQLException ignored) {
                // the transaction is rolled back next
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
