package org.bdisuite.batchadmin.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRootName;
import java.time.OffsetDateTime;

/**
 * A data set's state (Data Service): whether the pipeline may go on with it and with the sets after it.
 *
 * @param kind                 {@code downloader} (outbound: extractor, downloader-transporter) or {@code uploader}
 *                             (received: importer)
 * @param dataSetId            its interface-module data control id
 * @param interfaceModule      its interface module
 * @param transactionId        the receiver transaction a received set came in (null for outbound sets)
 * @param dataSetType          FULL or PARTIAL
 * @param state                PENDING, SENT (outbound) or LOADED (received), FAILED (later sets of the module wait),
 *                             SKIPPED (later sets go on without it)
 * @param cause                why it failed (the failure's message), when it failed
 * @param failedAt             when it last failed
 * @param failedJobName        the job that failed on it
 * @param failedJobExecutionId the execution that failed on it
 * @param lastAction           the last operator action: RETRY or SKIP
 * @param changedBy            who took it
 * @param changedAt            when
 * @param skipReason           why it was skipped
 */
@JsonRootName("dataSetStateVo")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DataSetStateVo(
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
        String skipReason) {}
