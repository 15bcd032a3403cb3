package org.bdisuite.receiver.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.List;
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
}
