package org.bdisuite.batchadmin.persistence;

import java.time.OffsetDateTime;

/**
 * The state of one data set (a row of bdi_dwnldr_iface_mod_data_ctl, kind DOWNLOADER, or of
 * bdi_upldr_iface_mod_data_ctl, kind UPLOADER) with its failure cause and the last operator action.
 *
 * @param transactionId the receiver transaction it came in (received sets); null for outbound sets
 */
public record DataSetStateRow(
        String kind,
        long dataSetId,
        String interfaceModule,
        String transactionId,
        String dataSetType,
        String state,
        String cause,
        OffsetDateTime failedAt,
        String failedJobName,
        Long failedJobExecutionId,
        String lastAction,
        String changedBy,
        OffsetDateTime changedAt,
        String skipReason) {

    public static final String PENDING = "PENDING";
    public static final String FAILED = "FAILED";
    public static final String SKIPPED = "SKIPPED";
}
