package org.bdisuite.model.api.receiver;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A transaction with every transmission and how many blocks each holds: what a sender needs to resume; and, for an
 * operator, why it ended as it did and what became of the data set it handed over.
 *
 * @param statusReason why it ended when it did not complete (an EXPIRED transaction: not ended in time, its blocks
 *                     deleted); null otherwise
 * @param handOver     the data set it handed over to the importer, once it completed with data; null before
 */
public record TransactionStateVo(
        TransactionVo transaction,
        List<TransmissionStateVo> transmissions,
        String statusReason,
        HandOverStateVo handOver) {

    /**
     * The handed-over data set as the importer left it.
     *
     * @param dataSetId its id (the uploader interface-module data control id)
     * @param state     PENDING (not loaded yet), LOADED, FAILED (the importer failed on it: cause, failedAt), SKIPPED
     * @param cause     why the importer failed on it
     * @param failedAt  when
     */
    public record HandOverStateVo(long dataSetId, String state, String cause, OffsetDateTime failedAt) {}

    /** A transmission and the blocks it holds so far. */
    public record TransmissionStateVo(TransmissionVo transmission, long blocksReceived, Integer highestBlockNumber) {}
}
