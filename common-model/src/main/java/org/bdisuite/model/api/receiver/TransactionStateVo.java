package org.bdisuite.model.api.receiver;

import java.util.List;

/** A transaction with every transmission and how many blocks each holds: what a sender needs to resume. */
public record TransactionStateVo(TransactionVo transaction, List<TransmissionStateVo> transmissions) {

    /** A transmission and the blocks it holds so far. */
    public record TransmissionStateVo(TransmissionVo transmission, long blocksReceived, Integer highestBlockNumber) {}
}
