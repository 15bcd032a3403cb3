package org.bdisuite.exporter.delivery;

import java.time.OffsetDateTime;
import org.bdisuite.exporter.api.ScheduleConfiguration;

/**
 * What a delivery needs of the run whose files it delivers.
 *
 * @param runId         the run's id (the download links and the receiver's transaction name it)
 * @param businessKey   the schedule instance's key
 * @param configuration the configuration the run started with (recipients, SFTP destination)
 * @param startedAt     when the run started
 */
public record DeliveryRun(
        long runId, String businessKey, ScheduleConfiguration configuration, OffsetDateTime startedAt) {}
