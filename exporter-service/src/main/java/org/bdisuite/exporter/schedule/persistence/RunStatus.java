package org.bdisuite.exporter.schedule.persistence;

public enum RunStatus {
    RUNNING,
    SUCCEEDED,
    FAILED
}
