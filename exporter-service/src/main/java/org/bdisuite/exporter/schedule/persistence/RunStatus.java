package org.bdisuite.exporter.persistence;

public enum RunStatus {
    RUNNING,
    SUCCEEDED,
    FAILED
}
