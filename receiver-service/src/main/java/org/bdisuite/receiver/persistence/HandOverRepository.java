package org.bdisuite.receiver.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.bdisuite.model.api.receiver.TransactionStateVo;
import org.bdisuite.model.entity.UploaderDataControl;

/**
 * The hand-over to the uploader (importer): bdi_upldr_iface_mod_data_ctl (BDI guide, Table 3-2) and its child
 * bdi_upldr_data_set_file (V8). The receiver writes both, in the caller's database transaction; they are the only
 * receiver tables another service (batch-admin's importer) reads.
 */
@ApplicationScoped
public class HandOverRepository {

    private final EntityManager entityManager;

    public HandOverRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * The state of the data set a transaction handed over (V31: batch-admin's importer writes it); empty when it
     * handed nothing over.
     */
    public Optional<TransactionStateVo.HandOverStateVo> stateOf(long receiverTransactionId) {
        List<?> rows = entityManager
                .createNativeQuery("SELECT uploader_iface_mod_data_ctlid, data_set_state, state_cause, failed_at"
                        + " FROM bdi_upldr_iface_mod_data_ctl WHERE receiver_transaction_id = ?1")
                .setParameter(1, receiverTransactionId)
                .getResultList();
        return rows.stream().findFirst().map(row -> {
            Object[] columns = (Object[]) row;
            return new TransactionStateVo.HandOverStateVo(
                    ((Number) columns[0]).longValue(), (String) columns[1], (String) columns[2], failedAt(columns[3]));
        });
    }

    private static OffsetDateTime failedAt(Object value) {
        if (value instanceof OffsetDateTime time) {
            return time;
        }
        if (value instanceof Instant instant) {
            return instant.atOffset(ZoneOffset.UTC);
        }
        return value == null ? null : ((java.sql.Timestamp) value).toInstant().atOffset(ZoneOffset.UTC);
    }

    /** Inserts the hand-over row and its files (numbered from 1 in the given order); returns the row's id. */
    public long handOver(UploaderDataControl dataSet, List<HandOverFile.DataSetFile> files) {
        entityManager.persist(dataSet);
        entityManager.flush();
        int number = 0;
        for (HandOverFile.DataSetFile file : files) {
            entityManager.persist(new HandOverFile(dataSet.getId(), ++number, file));
        }
        return dataSet.getId();
    }

    /**
     * SQL: the hand-over row {@code d} has been consumed, so the receiver may delete its data: an operator skipped it
     * (its own state, SKIPPED) or it was imported (batch-admin's importer records that in bdi_job_data_set, read here
     * and nowhere else in the receiver).
     */
    static final String CONSUMED = "(d.data_set_state = 'SKIPPED' OR EXISTS (SELECT 1 FROM bdi_job_data_set j"
            + " WHERE j.data_control_kind = 'UPLOADER' AND j.data_control_id = d.uploader_iface_mod_data_ctlid"
            + " AND j.completed_at IS NOT NULL))";

    /** SQL: receiver transaction {@code t} handed over nothing, or only data sets that were consumed. */
    static final String NOTHING_UNCONSUMED = "NOT EXISTS (SELECT 1 FROM bdi_upldr_iface_mod_data_ctl d"
            + " WHERE d.receiver_transaction_id = t.receiver_transaction_id AND NOT " + CONSUMED + ")";

    /** The hand-over rows (data set and file rows) of these receiver transactions. */
    public long rowsOf(List<Long> transactionIds) {
        if (transactionIds.isEmpty()) {
            return 0;
        }
        Object count = entityManager
                .createNativeQuery("SELECT (SELECT count(*) FROM bdi_upldr_iface_mod_data_ctl d"
                        + " WHERE d.receiver_transaction_id = ANY (CAST(:ids AS bigint[])))"
                        + " + (SELECT count(*) FROM bdi_upldr_data_set_file f JOIN bdi_upldr_iface_mod_data_ctl d"
                        + " ON d.uploader_iface_mod_data_ctlid = f.uploader_iface_mod_data_ctlid"
                        + " WHERE d.receiver_transaction_id = ANY (CAST(:ids AS bigint[])))")
                .setParameter("ids", ids(transactionIds))
                .getSingleResult();
        return ((Number) count).longValue();
    }

    /** Deletes the hand-over rows of these receiver transactions (their data was consumed and is being purged). */
    public void deleteOf(List<Long> transactionIds) {
        if (transactionIds.isEmpty()) {
            return;
        }
        entityManager
                .createNativeQuery("DELETE FROM bdi_upldr_data_set_file f USING bdi_upldr_iface_mod_data_ctl d"
                        + " WHERE d.uploader_iface_mod_data_ctlid = f.uploader_iface_mod_data_ctlid"
                        + " AND d.receiver_transaction_id = ANY (CAST(:ids AS bigint[]))")
                .setParameter("ids", ids(transactionIds))
                .executeUpdate();
        entityManager
                .createNativeQuery("DELETE FROM bdi_upldr_iface_mod_data_ctl"
                        + " WHERE receiver_transaction_id = ANY (CAST(:ids AS bigint[]))")
                .setParameter("ids", ids(transactionIds))
                .executeUpdate();
    }

    /** A PostgreSQL array literal of ids (the native query binds it as text and casts). */
    static String ids(List<Long> ids) {
        return ids.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(",", "{", "}"));
    }
}
