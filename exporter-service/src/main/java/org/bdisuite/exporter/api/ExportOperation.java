package org.bdisuite.exporter.api;

/** The exporters (the GOSS Data Exporter's operations): where a generated file is delivered. */
public enum ExportOperation {
    EMAIL("Attach the file to a mail to the schedule's recipients"),
    SFTP("Upload the file to the stored SFTP destination named by sftpDetailsKey"),
    RECEIVER("Send the file to a BDI receiver (begin / upload blocks / end)");

    private final String description;

    ExportOperation(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
