package org.bdisuite.exporter.persistence;

/** Where a schedule's instance is: at its event gateway, running an export, or terminated. */
public enum ScheduleState {
    WAITING,
    RUNNING,
    CANCELLED
}
