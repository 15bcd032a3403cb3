package org.bdisuite.exporter.customerservice.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.bdisuite.exporter.customerservice.api.CustomerServiceSelection;
import org.bdisuite.exporter.datasource.CopyColumn;
import org.bdisuite.exporter.datasource.CopyColumn.Kind;
import org.bdisuite.exporter.datasource.ExportDataSource.SqlQuery;
import org.bdisuite.exporter.datasource.SqlTimes;
import org.bdisuite.exporter.datasource.persistence.CopyReader;
import org.bdisuite.runtime.csv.CopyCsvWriter;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The exporter_service table, all of its SQL: the services are written by COPY (bulk ingest) and single inserts,
 * and read by cursors and COPY (the stream, the files), so plain JDBC; a JPA entity would only stand in the way.
 * Callers own the transaction of the single-row methods.
 */
@ApplicationScoped
public class CustomerServiceStore {

    /** A validated service to insert; {@code content} is a JSON object's text. */
    public record NewService(
            String type, String customerId, String content, OffsetDateTime startedAt, OffsetDateTime completedAt) {}

    /** A stored service's event times. */
    public record Events(OffsetDateTime startedAt, OffsetDateTime completedAt) {}

    // ---- how a customer service is printed, in one place for every reader (GET by id, the JSON stream, the files,
    // the services data source), so that all of them show a service the same way: the fields of the header row,
    // times as SqlTimes.isoUtc prints them.

    /** One field of a whole service: its SQL over exporter_service, its label, and its kind for COPY. */
    private record Field(String expression, String label, Kind kind) {}

    private static final String STATE = "CASE WHEN completed_at IS NULL THEN 'active' ELSE 'inactive' END";

    private static final List<Field> FIELDS = List.of(
            new Field("id", "id", Kind.INTEGER),
            new Field("type", "type", Kind.TEXT),
            new Field("customer_id", "customerId", Kind.TEXT),
            new Field(STATE, "state", Kind.TEXT),
            new Field("started_at", "startedAt", Kind.ISO_UTC),
            new Field("completed_at", "completedAt", Kind.ISO_UTC),
            new Field("content", "content", Kind.JSON));

    /** The fields of a whole service, in order: the JSON keys and the CSV header row. */
    public static final List<String> HEADER_ROW =
            FIELDS.stream().map(Field::label).toList();

    /**
     * The select list of a whole service over exporter_service, labelled with the header row, every value printed
     * by PostgreSQL as the exporter shows it (times formatted in SQL): for readers of JDBC values.
     */
    private static final String SELECT_LIST = FIELDS.stream()
            .map(field -> (field.kind() == Kind.ISO_UTC ? SqlTimes.isoUtc(field.expression()) : field.expression())
                    + " AS \"" + field.label() + "\"")
            .collect(Collectors.joining(", "));

    /**
     * The select list of a whole service for {@code COPY} with {@link #COPY_COLUMNS}: the plain values (times as
     * timestamptz), which the COPY filters print as the exporter shows them, on the exporter's core. Formatting the
     * times in SQL (to_char) and building the objects with row_to_json made PostgreSQL's side of the content
     * stream about 2.5x a bare COPY (docs/BENCHMARKS.md).
     */
    private static final String COPY_SELECT_LIST = FIELDS.stream()
            .map(field -> field.expression() + " AS \"" + field.label() + "\"")
            .collect(Collectors.joining(", "));

    /** The columns of {@link #COPY_SELECT_LIST} and what their values need. */
    public static final List<CopyColumn> COPY_COLUMNS = FIELDS.stream()
            .map(field -> new CopyColumn(field.label(), field.kind()))
            .toList();

    private static final String BY_ID =
            "SELECT row_to_json(s)::text FROM (SELECT " + SELECT_LIST + " FROM exporter_service WHERE id = ?) AS s";

    private final DataSource dataSource;
    private final CopyReader reader;

    public CustomerServiceStore(DataSource dataSource, CopyReader reader) {
        this.dataSource = dataSource;
        this.reader = reader;
    }

    // ---- the selections: which services an export reads ---------------------------------------------------------

    /** The SELECT of the whole services of a selection, with parameters (the services data source). */
    public static SqlQuery selectQuery(CustomerServiceSelection selection) {
        List<Object> arguments = new ArrayList<>();
        String sql = select(selection, SELECT_LIST, null, null, value -> {
            arguments.add(value);
            return "?";
        });
        return new SqlQuery(sql, arguments);
    }

    /**
     * The SELECT of the plain columns ({@link #COPY_COLUMNS}) of a selection's services for COPY, which takes no
     * parameters: the values written in. Safe: every value is a parsed time or a number, printed by Java, never text
     * from the request.
     *
     * @param after only ids greater than this (the resume token), or null
     * @param limit at most this many rows, or null
     */
    public static String copySelect(CustomerServiceSelection selection, Long after, Long limit) {
        return select(selection, COPY_SELECT_LIST, after, limit, CustomerServiceStore::literal);
    }

    /**
     * COPYs the ids of a selection's services into {@code out} in COPY's text format (one id per line), on the
     * streams' pool. Returns the rows COPY sent.
     */
    public long copyIds(CustomerServiceSelection selection, Long after, Long limit, OutputStream out)
            throws IOException {
        return reader.copyOut(
                "COPY (" + select(selection, "id", after, limit, CustomerServiceStore::literal) + ") TO STDOUT", out);
    }

    /** How many services a selection holds now (a file job's total for its progress). */
    public long count(CustomerServiceSelection selection) {
        List<Object> arguments = new ArrayList<>();
        String sql = "SELECT count(*) FROM ("
                + select(selection, "id", null, null, value -> {
                    arguments.add(value);
                    return "?";
                })
                + ") selected";
        return query(
                        sql,
                        statement -> {
                            for (int i = 0; i < arguments.size(); i++) {
                                statement.setObject(i + 1, arguments.get(i));
                            }
                        },
                        rows -> rows.getLong(1))
                .orElse(0L);
    }

    private static String literal(Object value) {
        return value instanceof OffsetDateTime time ? "timestamptz '" + time + "'" : Long.toString((Long) value);
    }

    /** Services with an event in the range, in the state asked, ordered by id (so that after= resumes exactly). */
    private static String select(
            CustomerServiceSelection selection,
            String selectList,
            Long after,
            Long limit,
            Function<Object, String> value) {
        StringBuilder sql = new StringBuilder("SELECT ").append(selectList).append(" FROM exporter_service WHERE ");
        String range = " BETWEEN " + value.apply(selection.from()) + " AND " + value.apply(selection.to());
        switch (selection.events()) {
            case started -> sql.append("started_at").append(range);
            case completed -> sql.append("completed_at").append(range);
            default ->
                sql.append("(started_at")
                        .append(range)
                        .append(" OR completed_at BETWEEN ")
                        .append(value.apply(selection.from()))
                        .append(" AND ")
                        .append(value.apply(selection.to()))
                        .append(")");
        }
        switch (selection.state()) {
            case active -> sql.append(" AND completed_at IS NULL");
            case inactive -> sql.append(" AND completed_at IS NOT NULL");
            default -> {}
        }
        if (after != null) {
            sql.append(" AND id > ").append(value.apply(after));
        }
        sql.append(" ORDER BY id");
        if (limit != null) {
            sql.append(" LIMIT ").append(value.apply(limit));
        }
        return sql.toString();
    }

    // ---- single services and the bulk load ---------------------------------------------------------------------

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
