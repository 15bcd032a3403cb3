package org.bdisuite.batchadmin.persistence;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * bdi_outbound_row: the outbound staging, numbered CSV lines per data set, interface and partition. Staging runs in
 * the extractor's chunk transaction (the default, JTA pool); the transporter streams a partition through a cursor on
 * the non-JTA pool, whose connection may outlive any transaction timeout while blocks go out.
 */
@ApplicationScoped
public class OutboundRowRepository {

    /** One partition of an interface: its number and the sequence numbers of its first and last row. */
    /** A partition of an outbound data set: its staged rows' sequence range and how many rows it has. */
    public record Partition(String interfaceShortName, int number, long firstSequence, long lastSequence, long rows) {}

    /** Receives the lines of a partition one by one, in sequence order. */
    @FunctionalInterface
    public interface LineConsumer {
        void accept(String line);
    }

    private final javax.sql.DataSource chunkTransactions;
    private final AgroalDataSource cursors;

    public OutboundRowRepository(
            javax.sql.DataSource chunkTransactions, @DataSource("unmanaged") AgroalDataSource cursors) {
        this.chunkTransactions = chunkTransactions;
        this.cursors = cursors;
    }

    /** Stages rows in the caller's (chunk) transaction, each in partition ((sequence - 1) mod partitions) + 1. */
    public void stage(long dataControlId, int partitions, List<OutboundRow> rows) throws SQLException {
        try (Connection connection = chunkTransactions.getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO bdi_outbound_row (data_ctl_id,"
                        + " interface_short_name, partition_number, sequence_number, line) VALUES (?, ?, ?, ?, ?)")) {
            for (OutboundRow row : rows) {
                insert.setLong(1, dataControlId);
                insert.setString(2, row.interfaceShortName());
                insert.setInt(3, (int) ((row.sequenceNumber() - 1) % partitions) + 1);
                insert.setLong(4, row.sequenceNumber());
                insert.setString(5, row.line());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** The data set's partitions, by interface and number. */
    public List<Partition> partitions(long dataControlId) {
        try (Connection connection = cursors.getConnection()) {
            return Jdbc.query(
                    connection,
                    "SELECT interface_short_name, partition_number, min(sequence_number), max(sequence_number),"
                            + " count(*)"
                            + " FROM bdi_outbound_row WHERE data_ctl_id = ? GROUP BY interface_short_name,"
                            + " partition_number ORDER BY interface_short_name, partition_number",
                    rows -> new Partition(
                            rows.getString(1), rows.getInt(2), rows.getLong(3), rows.getLong(4), rows.getLong(5)),
                    dataControlId);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Reading the partitions of outbound data set " + dataControlId + " failed", e);
        }
    }

    /** Streams a partition's lines in sequence order, {@code fetchSize} rows from the server at a time. */
    public void forEachLine(long dataControlId, Partition partition, int fetchSize, LineConsumer lines) {
        try (Connection connection = cursors.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement select = connection.prepareStatement("SELECT line FROM bdi_outbound_row"
                    + " WHERE data_ctl_id = ? AND interface_short_name = ? AND partition_number = ?"
                    + " ORDER BY sequence_number")) {
                select.setFetchSize(fetchSize);
                select.setLong(1, dataControlId);
                select.setString(2, partition.interfaceShortName());
                select.setInt(3, partition.number());
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        lines.accept(rows.getString(1));
                    }
                }
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Reading partition " + partition.number() + " of " + partition.interfaceShortName()
                            + " of outbound data set " + dataControlId + " failed",
                    e);
        }
    }
}
