package org.bdisuite.exporter.datasource;

/**
 * A column of a {@code COPY} export's result and what its values need on their way from PostgreSQL's text to the
 * exporter's CSV or JSON. CopyExport reads the kinds of a registered SELECT from its JDBC metadata; a data source
 * that knows its columns better (the services stream) declares them.
 */
public record CopyColumn(String label, Kind kind) {

    /** What a column's values need. The order matters: from BOOLEAN on, a value is rewritten as a whole. */
    public enum Kind {
        /** Text: CSV neutralises formulas, JSON writes a string. */
        TEXT,
        /** json / jsonb: text in CSV (formulas neutralised), embedded as it is in JSON. */
        JSON,
        /** Integers: PostgreSQL's text everywhere. */
        INTEGER,
        /** numeric: PostgreSQL's text in CSV, BigDecimal.toString() in JSON. */
        NUMERIC,
        /** real, double precision, money: PostgreSQL's text in CSV, Double.toString in JSON. */
        DOUBLE,
        BOOLEAN,
        DATE,
        /** timestamp / timestamptz as JDBC reads it: ISO UTC text in CSV, Instant.toString() in JSON. */
        TIMESTAMP,
        /**
         * A timestamptz printed as {@link SqlTimes#isoUtc} prints it, in CSV and in JSON (as a string) alike: what
         * a declared column gets when PostgreSQL should send the plain value instead of formatting it.
         */
        ISO_UTC
    }
}
