package org.bdisuite.exporter.schedule.persistence;

/** Where a schedule's instance is: at its event gateway, running an export, or terminated. */
public enum ScheduleState {
    WAITING,
    RUNNING,
    CANCELLED
}
