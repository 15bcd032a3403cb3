package org.bdisuite.exporter.datasource;

/** A data source could not deliver its rows (a failing or timed-out query). */
public class DataSourceException extends RuntimeException {

    public DataSourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
