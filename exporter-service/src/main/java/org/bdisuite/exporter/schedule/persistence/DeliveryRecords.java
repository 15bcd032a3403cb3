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

    /** The operations the run has delivered (recorded). */
    public java.util.Set<ExportOperation> ofRun(long runId) {
        java.util.Set<ExportOperation> delivered = java.util.EnumSet.noneOf(ExportOperation.class);
        for (Object operation : entityManager
                .createNativeQuery("SELECT operation FROM exporter_delivery WHERE run_id = :r")
                .setParameter("r", runId)
                .getResultList()) {
            delivered.add(ExportOperation.valueOf((String) operation));
        }
        return delivered;
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
