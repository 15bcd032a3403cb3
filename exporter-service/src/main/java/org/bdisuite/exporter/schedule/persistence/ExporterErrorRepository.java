package org.bdisuite.exporter.schedule.persistence;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import javax.sql.DataSource;
import org.bdisuite.runtime.retention.Reclaimed;

/** exporter_error: the DataExporterErrors log's table. */
@ApplicationScoped
public class ExporterErrorRepository implements PanacheRepository<ExporterError> {

    private final DataSource dataSource;

    public ExporterErrorRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Adds an entry, one plain INSERT on the transaction's connection (part of a failed run's end). */
    public void insert(OffsetDateTime occurredAt, String businessKey, Long runId, String message) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO exporter_error"
                        + " (occurred_at, business_key, run_id, message) VALUES (?, ?, ?, ?)")) {
            insert.setObject(1, occurredAt);
            insert.setString(2, businessKey);
            if (runId == null) {
                insert.setNull(3, Types.BIGINT);
            } else {
                insert.setLong(3, runId);
            }
            insert.setString(4, message);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Recording an error of " + businessKey + " failed", e);
        }
    }

    /** A page of the errors, newest first. */
    public Page<ExporterError> newestFirst(int page, int size) {
        PanacheQuery<ExporterError> query = findAll(Sort.descending("id")).page(page, size);
        return new Page<>(query.list(), query.count());
    }

    /**
     * DataExporterErrors entries that occurred before {@code cutoff}: how many and their stored size, deleted unless
     * {@code dryRun} (the log file in suite.exporter.log-dir is the operator's to rotate).
     */
    public Reclaimed purgeOccurredBefore(OffsetDateTime cutoff, boolean dryRun) {
        Object[] found = (Object[]) getEntityManager()
                .createNativeQuery("SELECT count(*), coalesce(sum(pg_column_size(e.*)), 0)"
                        + " FROM exporter_error e WHERE e.occurred_at < :cutoff")
                .setParameter("cutoff", cutoff)
                .getSingleResult();
        if (!dryRun) {
            delete("occurredAt < ?1", cutoff);
        }
        return new Reclaimed(((Number) found[0]).longValue(), ((Number) found[1]).longValue());
    }
}
