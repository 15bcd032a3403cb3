package org.bdisuite.receiver.service;

import org.bdisuite.model.api.receiver.TransactionVo;
import org.bdisuite.receiver.persistence.ReceiverTransaction;

/** The spec's transaction JSON of a stored transaction. */
final class TransactionViews {

    private TransactionViews() {}

    static TransactionVo of(ReceiverTransaction transaction) {
        return new TransactionVo(
                transaction.getId(),
                transaction.getTransactionId(),
                transaction.getSourceSystemName(),
                transaction.getInterfaceModule(),
                transaction.getSourceSystemId(),
                transaction.getSourceDataSetId(),
                transaction.getDataSetType(),
                transaction.getSourceSystemDataSetReadyTime(),
                transaction.getDir(),
                transaction.getFileName(),
                transaction.getStatus().name(),
                transaction.getBeginTime(),
                transaction.getEndTime());
    }
}
