package org.bdisuite.exporter.datasource;

/**
 * A data source could not deliver its rows (a refused, failing or timed-out query). Its message is in the user's
 * terms, fit for error bodies, run records, audit events and the DataExporterErrors log: what PostgreSQL refused
 * (its primary message), never the driver's text, a Java class name, the query or a stack.
 */
public class DataSourceException extends RuntimeException {

    public DataSourceException(String message) {
        super(message);
    }

    public DataSourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
