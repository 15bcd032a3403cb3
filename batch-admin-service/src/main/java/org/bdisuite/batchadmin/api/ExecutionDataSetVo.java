package org.bdisuite.batchadmin.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The data set a pipeline job's instance works on.
 *
 * @param kind            DOWNLOADER (an outbound set: extractor, downloader-transporter) or UPLOADER (a received
 *                        set: importer)
 * @param dataSetId       its interface-module data control id
 * @param interfaceModule its interface module
 * @param transactionId   the receiver transaction it travels in (the transporter's {@code Tx#<instance>}, or the
 *                        one a received set came in); null for an extractor
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExecutionDataSetVo(String kind, long dataSetId, String interfaceModule, String transactionId) {}
