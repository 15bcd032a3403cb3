package org.bdisuite.model.api.receiver;

/**
 * The transmission JSON of the spec's beginTransmission / endTransmission responses, field for field, plus the
 * receiver's own id and the transaction id, so that a sender resuming after a crash can match them.
 */
public record TransmissionVo(
        Long receiverTransmissionId,
        String transactionId,
        String transmissionId,
        String interfaceModule,
        String interfaceShortName,
        String sourceSystemPartitionName,
        long sourceSystemPartitionBeginSequenceNumber,
        long sourceSystemPartitionEndSequenceNumber,
        int beginBlockNumber,
        Integer endBlockNumber,
        String dir,
        String fileName,
        String receiverTransmissionStatus) {}
