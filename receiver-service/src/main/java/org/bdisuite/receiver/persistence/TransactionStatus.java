package org.bdisuite.receiver.persistence;

/** receiverTransactionStatus / receiverTransmissionStatus. */
public enum TransactionStatus {
    /** Begun, accepting transmissions and blocks. */
    IN_PROGRESS,
    /** Ended by the sender; merged and handed over to the uploader. */
    COMPLETED,
    /** Not ended in time; its files were deleted by the expiry job. */
    EXPIRED
}
