package org.bdisuite.exporter.api;

import java.util.List;
import java.util.Map;

/**
 * A validated export schedule's configuration, as stored (JSONB) and as written to the config history.
 *
 * @param description    what the export is; the subject of its mails
 * @param dataSource     a data source name from GET /exporter/data-sources
 * @param fileType       CSV | JSON
 * @param operations     where the file goes, one or more of EMAIL | SFTP | RECEIVER
 * @param recipients     mail recipients (EMAIL)
 * @param sftpDetailsKey stored SFTP details (SFTP)
 * @param frequency      when the schedule is due
 * @param dateFormat     a key of the constants' dateFormats: the file name's timestamp and date values
 * @param timezone       IANA timezone in which the frequency's days are counted
 * @param parameters     data-source parameters
 * @param split          whether more than the row limit is written as numbered parts plus a manifest
 */
public record ScheduleConfiguration(
        String description,
        String dataSource,
        FileType fileType,
        List<ExportOperation> operations,
        List<Recipient> recipients,
        String sftpDetailsKey,
        Frequency frequency,
        String dateFormat,
        String timezone,
        Map<String, String> parameters,
        boolean split) {}
