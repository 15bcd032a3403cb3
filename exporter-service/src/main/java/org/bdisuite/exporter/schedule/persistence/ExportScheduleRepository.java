package org.bdisuite.exporter.schedule.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.bdisuite.exporter.api.ScheduleConfiguration;
import org.bdisuite.runtime.error.ResourceNotFoundException;

/**
 * exporter_schedule. The two transitions every run makes (to RUNNING at its start, back to the gateway at its end)
 * are one plain statement each on the transaction's connection: they run a few times a day, so cold, and the ORM's
 * load, dirty check and flush of the whole row (its JSON configuration serialised again) cost more than the
 * statement itself (docs/BENCHMARKS.md, "The run's ledger path as plain statements"). The other changes go through
 * the entity.
 */
@ApplicationScoped
public class ExportScheduleRepository implements PanacheRepository<ExportSchedule> {

    private static final String START_RUN = "UPDATE exporter_schedule SET state = 'RUNNING', updated_at = ?,"
            + " version = version + 1 WHERE business_key = ? AND state = 'WAITING' AND NOT cancel_requested"
            + " RETURNING configuration::text";

    /**
     * The return to the gateway; the self-join reads the row's pending edit as it was before the update (RETURNING
     * shows the new row), locked first, so that a concurrent edit waits and is not lost.
     */
    private static final String RETURN_TO_GATEWAY = "UPDATE exporter_schedule s SET"
            + " configuration = coalesce(s.pending_configuration, s.configuration), pending_configuration = NULL,"
            + " state = CASE WHEN s.cancel_requested THEN 'CANCELLED' ELSE 'WAITING' END, cancel_requested = FALSE,"
            + " cancelled_at = CASE WHEN s.cancel_requested THEN ? ELSE s.cancelled_at END, updated_at = ?,"
            + " version = s.version + 1"
            + " FROM (SELECT id, pending_configuration, pending_by FROM exporter_schedule WHERE business_key = ?"
            + " FOR UPDATE) AS before WHERE s.id = before.id"
            + " RETURNING before.pending_configuration::text, before.pending_by";

    private final DataSource dataSource;
    private final ObjectMapper json;

    public ExportScheduleRepository(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /** A run's configuration: as stored (the JSON text the run's row keeps) and read. */
    public record RunConfiguration(String json, ScheduleConfiguration configuration) {}

    /** What a return to the gateway applied: the edit that waited (null when none) and who made it. */
    public record Returned(ScheduleConfiguration applied, String editor) {}

    /**
     * Takes the schedule from its gateway to RUNNING (one UPDATE, which locks the row and checks the state under
     * the lock), returning the configuration the run starts with; empty when the schedule is not at its gateway
     * (unknown, cancelled or being cancelled, or running): the caller finds out which with {@link #lock}.
     */
    public Optional<RunConfiguration> startRun(String businessKey, OffsetDateTime now) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(START_RUN)) {
            update.setObject(1, now);
            update.setString(2, businessKey);
            try (ResultSet row = update.executeQuery()) {
                return row.next()
                        ? Optional.of(new RunConfiguration(row.getString(1), configuration(row.getString(1))))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Starting a run of export schedule " + businessKey + " failed", e);
        }
    }

    /**
     * The export has returned: the schedule goes back to its gateway, taking a pending edit, or ends when a cancel
     * arrived meanwhile; a 404 for an unknown schedule. The pending edit is applied, pending_by stays (the editor of
     * the last edit that waited).
     */
    public Returned returnToGateway(String businessKey, OffsetDateTime now) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(RETURN_TO_GATEWAY)) {
            update.setObject(1, now);
            update.setObject(2, now);
            update.setString(3, businessKey);
            try (ResultSet row = update.executeQuery()) {
                if (!row.next()) {
                    throw notFound(businessKey);
                }
                String applied = row.getString(1);
                return new Returned(applied == null ? null : configuration(applied), row.getString(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Returning export schedule " + businessKey + " to its gateway failed", e);
        }
    }

    private ScheduleConfiguration configuration(String text) {
        try {
            return json.readValue(text, ScheduleConfiguration.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored schedule configuration is not readable", e);
        }
    }

    public Optional<ExportSchedule> findByBusinessKey(String businessKey) {
        return find("businessKey", businessKey).firstResultOptional();
    }

    /** The schedule, or a 404. */
    public ExportSchedule get(String businessKey) {
        return findByBusinessKey(businessKey).orElseThrow(() -> notFound(businessKey));
    }

    /** The schedule locked for update (state changes are serialised per schedule), or a 404. */
    public ExportSchedule lock(String businessKey) {
        return find("businessKey", businessKey)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional()
                .orElseThrow(() -> notFound(businessKey));
    }

    public static ResourceNotFoundException notFound(String businessKey) {
        return new ResourceNotFoundException("No export schedule " + businessKey);
    }

    /** A page of all schedules in the order they were created. */
    public Page<ExportSchedule> byId(int page, int size) {
        PanacheQuery<ExportSchedule> query = findAll(Sort.ascending("id")).page(page, size);
        return new Page<>(query.list(), query.count());
    }

    /** The schedules that are neither cancelled nor being cancelled, in the order they were created. */
    public List<ExportSchedule> live() {
        return list("state <> ?1 and cancelRequested = false", Sort.ascending("id"), ScheduleState.CANCELLED);
    }
}
