package org.bdisuite.receiver.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.PersistenceException;
import java.util.function.Supplier;

/**
 * Runs a find-or-insert in its own database transaction. When a concurrent twin of the same request inserted
 * first, the UNIQUE constraint refuses our row; the request is then answered from what the twin stored, as a
 * retry would be.
 */
final class InsertOnce {

    private InsertOnce() {}

    static <T> T run(Supplier<T> findOrInsert, Supplier<T> findAfterLostRace) {
        try {
            return QuarkusTransaction.requiringNew().call(findOrInsert::get);
        } catch (PersistenceException lostTheRace) {
            return QuarkusTransaction.requiringNew().call(findAfterLostRace::get);
        }
    }
}
