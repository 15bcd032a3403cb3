package org.bdisuite.runtime.persistence;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * The advisory lock that lets one replica of a service purge at a time. A purge runs in many short transactions, so
 * the lock is held on a connection of its own for the whole run ({@link AdvisoryLock}).
 */
@ApplicationScoped
public class PurgeLock {

    private final AgroalDataSource dataSource;

    public PurgeLock(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The held lock of {@code service}'s purge, or empty at once when another replica holds it. */
    public Optional<AdvisoryLock> tryAcquire(String service) {
        return AdvisoryLock.tryTake(dataSource, "bdi-retention-purge:" + service);
    }
}
