package org.bdisuite.exporter.schedule.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.List;
import javax.sql.DataSource;

/** exporter_run_file: the files each run wrote. */
@ApplicationScoped
public class RunFileRepository implements PanacheRepository<RunFile> {

    private final DataSource dataSource;

    public RunFileRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A file to record: its name, size, SHA-256 and rows (null for a manifest). */
    public record NewFile(String name, long bytes, String sha256, Long rows) {}

    /**
     * Records a run's files with its end, as one batch on the transaction's connection (no entities: the end of a
     * run is part of its fixed cost, docs/BENCHMARKS.md, "The run's ledger path as plain statements").
     */
    public void insert(long runId, List<NewFile> files) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO exporter_run_file (run_id, name, bytes, sha256, row_count) VALUES (?, ?, ?, ?, ?)")) {
            for (NewFile file : files) {
                insert.setLong(1, runId);
                insert.setString(2, file.name());
                insert.setLong(3, file.bytes());
                insert.setString(4, file.sha256());
                if (file.rows() == null) {
                    insert.setNull(5, Types.BIGINT);
                } else {
                    insert.setLong(5, file.rows());
                }
                if (files.size() == 1) {
                    insert.executeUpdate();
                    return;
                }
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("Recording the files of run " + runId + " failed", e);
        }
    }

    public List<RunFile> ofRun(long runId) {
        return list("runId", Sort.ascending("id"), runId);
    }

    /** An ended run that still has recorded files: its id, business key and number of file rows. */
    public record EndedRun(long id, String businessKey, long files) {}

    /**
     * Up to {@code limit} runs above {@code afterId}, in id order, that ended (SUCCEEDED or FAILED) before
     * {@code cutoff} and still have file rows. With {@code lock} the runs are locked (FOR UPDATE; skipped when held):
     * a retry that starts meanwhile waits, then finds no files and writes them again.
     */
    public java.util.List<EndedRun> endedRunsWithFilesBefore(
            OffsetDateTime cutoff, long afterId, int limit, boolean lock) {
        java.util.List<?> rows = getEntityManager()
                .createNativeQuery("SELECT r.id, r.business_key,"
                        + " (SELECT count(*) FROM exporter_run_file f WHERE f.run_id = r.id) FROM exporter_run r"
                        + " WHERE r.id > :after AND r.status <> 'RUNNING' AND r.finished_at < :cutoff"
                        + " AND EXISTS (SELECT 1 FROM exporter_run_file f WHERE f.run_id = r.id)"
                        + " ORDER BY r.id LIMIT :limit" + (lock ? " FOR UPDATE OF r SKIP LOCKED" : ""))
                .setParameter("after", afterId)
                .setParameter("cutoff", cutoff)
                .setParameter("limit", limit)
                .getResultList();
        return rows.stream()
                .map(row -> (Object[]) row)
                .map(row -> new EndedRun(((Number) row[0]).longValue(), (String) row[1], ((Number) row[2]).longValue()))
                .toList();
    }

    /** Deletes the file rows of these runs (the run ledger rows stay: they keep each schedule's day exactly once). */
    public void deleteOfRuns(java.util.List<Long> runIds) {
        if (!runIds.isEmpty()) {
            delete("runId in ?1", runIds);
        }
    }
}
