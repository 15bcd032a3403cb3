package org.bdisuite.receiver.schedule;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.bdisuite.receiver.config.ReceiverConfig;
import org.bdisuite.receiver.service.AbandonedReservations;
import org.bdisuite.receiver.service.TemporaryFileSweep;
import org.bdisuite.receiver.service.TransactionExpiry;

/**
 * Fires the expiry of transactions not ended in time. Quartz runs clustered on the shared database
 * ({@code quarkus.quartz.clustered}), so one replica at a time runs it; the row locks in {@link TransactionExpiry}
 * would keep two runs correct anyway.
 */
@ApplicationScoped
public class ExpirySchedule {

    private final TransactionExpiry expiry;
    private final TemporaryFileSweep sweep;
    private final AbandonedReservations reservations;
    private final ReceiverConfig config;

    public ExpirySchedule(
            TransactionExpiry expiry,
            TemporaryFileSweep sweep,
            AbandonedReservations reservations,
            ReceiverConfig config) {
        this.expiry = expiry;
        this.sweep = sweep;
        this.reservations = reservations;
        this.config = config;
    }

    @Scheduled(
            identity = "receiver-transaction-expiry",
            every = "${suite.receiver.expiry.check-interval}",
            delayed = "${suite.receiver.expiry.check-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void expireStaleTransactions() {
        expiry.expireBegunBefore(
                OffsetDateTime.now(ZoneOffset.UTC).minus(config.expiry().after()));
        sweep.sweep();
        reservations.release();
    }
}
