package org.bdisuite.batchadmin.api;

import java.util.List;

/**
 * A page of the notification history, newest first.
 *
 * @param nextBefore the {@code before} of the next page, or null when this is the last
 */
public record NotificationHistoryVo(List<NotificationVo> notifications, Long nextBefore) {}
