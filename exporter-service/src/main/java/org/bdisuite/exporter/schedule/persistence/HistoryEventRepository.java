package org.bdisuite.exporter.schedule.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Map;
import javax.sql.DataSource;
import org.bdisuite.runtime.retention.Reclaimed;

/** exporter_history_event: the GOSS history store (configs, reporting_audit). */
@ApplicationScoped
public class HistoryEventRepository implements PanacheRepository<HistoryEvent> {

    private final DataSource dataSource;
    private final ObjectMapper json;

    public HistoryEventRepository(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /**
     * Adds an event under (_DataExporter, business key, labelc), one plain INSERT on the transaction's connection
     * (a run's audit event is part of its end, which every run pays: no entity).
     */
    public void insert(String businessKey, String labelc, Map<String, Object> event, OffsetDateTime recordedAt) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO exporter_history_event"
                        + " (labela, labelb, labelc, event, recorded_at) VALUES (?, ?, ?, ?::jsonb, ?)")) {
            insert.setString(1, HistoryEvent.LABEL_A);
            insert.setString(2, businessKey);
            insert.setString(3, labelc);
            insert.setString(4, json.writeValueAsString(event));
            insert.setObject(5, recordedAt);
            insert.executeUpdate();
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("Recording a " + labelc + " event of " + businessKey + " failed", e);
        }
    }

    /** A schedule's events of one history, newest first (the latest config is the one in use). */
    public Page<HistoryEvent> ofSchedule(String businessKey, String labelc, int page, int size) {
        PanacheQuery<HistoryEvent> query = find(
                        "labela = :a and labelb = :b and labelc = :c",
                        Sort.descending("id"),
                        Parameters.with("a", HistoryEvent.LABEL_A)
                                .and("b", businessKey)
                                .and("c", labelc))
                .page(page, size);
        return new Page<>(query.list(), query.count());
    }

    /**
     * History events (configs and reporting_audit) recorded before {@code cutoff}: how many and their stored size,
     * deleted unless {@code dryRun}. Call inside a transaction, so the count and the delete see the same rows.
     */
    public Reclaimed purgeRecordedBefore(OffsetDateTime cutoff, boolean dryRun) {
        Object[] found = (Object[]) getEntityManager()
                .createNativeQuery("SELECT count(*), coalesce(sum(pg_column_size(h.*)), 0)"
                        + " FROM exporter_history_event h WHERE h.recorded_at < :cutoff")
                .setParameter("cutoff", cutoff)
                .getSingleResult();
        if (!dryRun) {
            delete("recordedAt < ?1", cutoff);
        }
        return new Reclaimed(((Number) found[0]).longValue(), ((Number) found[1]).longValue());
    }
}
