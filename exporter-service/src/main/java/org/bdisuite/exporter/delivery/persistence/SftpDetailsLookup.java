package org.bdisuite.exporter.delivery.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/** Whether stored SFTP details exist under a key (a schedule may only name known ones). */
@ApplicationScoped
public class SftpDetailsLookup {

    private final EntityManager entityManager;

    public SftpDetailsLookup(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public boolean exists(String detailsKey) {
        Number count = (Number) entityManager
                .createNativeQuery("SELECT count(*) FROM exporter_sftp_details WHERE details_key = :key")
                .setParameter("key", detailsKey)
                .getSingleResult();
        return count.longValue() > 0;
    }
}
