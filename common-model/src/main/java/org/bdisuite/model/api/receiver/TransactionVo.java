package org.bdisuite.model.api.receiver;

import java.time.OffsetDateTime;
import org.bdisuite.model.DataSetType;

/** The transaction JSON of the spec's beginTransaction / endTransaction responses, field for field. */
public record TransactionVo(
        Long receiverTransactionId,
        String transactionId,
        String sourceSystemName,
        String interfaceModule,
        String sourceSystemId,
        long sourceDataSetId,
        DataSetType dataSetType,
        OffsetDateTime sourceSystemDataSetReadyTime,
        String dir,
        String fileName,
        String receiverTransactionStatus,
        OffsetDateTime receiverTransactionBeginTime,
        OffsetDateTime receiverTransactionEndTime) {}
