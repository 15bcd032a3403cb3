package org.bdisuite.receiver.service;

import org.bdisuite.model.api.receiver.TransmissionVo;
import org.bdisuite.receiver.persistence.ReceiverTransmission;

/** The spec's transmission JSON of a stored transmission (inside the database transaction that read it). */
final class TransmissionViews {

    private TransmissionViews() {}

    static TransmissionVo of(ReceiverTransmission transmission) {
        return new TransmissionVo(
                transmission.getId(),
                transmission.getTransaction().getTransactionId(),
                transmission.getTransmissionId(),
                transmission.getInterfaceModule(),
                transmission.getInterfaceShortName(),
                transmission.getPartitionName(),
                transmission.getPartitionBeginSequenceNumber(),
                transmission.getPartitionEndSequenceNumber(),
                transmission.getBeginBlockNumber(),
                transmission.getEndBlockNumber(),
                transmission.getDir(),
                transmission.getFileName(),
                transmission.getStatus().name());
    }
}
