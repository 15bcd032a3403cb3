package org.bdisuite.exporter.schedule.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.OffsetDateTime;
import org.bdisuite.exporter.api.ExportOperation;

/** exporter_delivery: one row per (run, operation) once delivered, so a retried run skips what was delivered. */
@ApplicationScoped
public class DeliveryRecords {

    private final EntityManager entityManager;

    public DeliveryRecords(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public boolean delivered(long runId, ExportOperation operation) {
        return ((Number) entityManager
                                .createNativeQuery("SELECT count(*) FROM exporter_delivery WHERE run_id = :r"
                                        + " AND operation = :o")
                                .setParameter("r", runId)
                                .setParameter("o", operation.name())
                                .getSingleResult())
                        .longValue()
                > 0;
    }

    public void record(long runId, ExportOperation operation, String detail, OffsetDateTime when) {
        entityManager
                .createNativeQuery("INSERT INTO exporter_delivery (run_id, operation, delivered_at, detail)"
                        + " VALUES (:r, :o, :w, :d) ON CONFLICT (run_id, operation) DO NOTHING")
                .setParameter("r", runId)
                .setParameter("o", operation.name())
                .setParameter("w", when)
                .setParameter("d", detail.length() > 2000 ? detail.substring(0, 2000) : detail)
                .executeUpdate();
    }
}
