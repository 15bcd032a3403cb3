package org.bdisuite.exporter.customerservice.persistence;

/** A services file-export job's state. EXPIRED: finished, and its files were deleted after the retention time. */
public enum FileJobState {
    QUEUED,
    RUNNING,
    SUCCEEDED,
    FAILED,
    EXPIRED
}
