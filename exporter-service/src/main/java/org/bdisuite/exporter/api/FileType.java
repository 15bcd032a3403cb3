package org.bdisuite.exporter.api;

/** The file generators (the GOSS Data Exporter's fileTypes). */
public enum FileType {
    CSV("Comma-separated values (RFC 4180) with a header row", "csv"),
    JSON("A JSON array of objects, one per row", "json");

    private final String description;
    private final String extension;

    FileType(String description, String extension) {
        this.description = description;
        this.extension = extension;
    }

    public String description() {
        return description;
    }

    public String extension() {
        return extension;
    }
}
