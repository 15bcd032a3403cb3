package org.bdisuite.exporter.datasource;

/** Whose rights a data source's query runs with. */
public enum QueryRole {

    /** The suite's own database user: the built-in data sources, whose queries are written in this code base. */
    SUITE,

    /**
     * The PostgreSQL role suite_export_reader: SQL data sources, written by administrators. It reads only what was
     * granted to it (the views of schema export_views), in read-only sessions.
     */
    EXPORT_READER
}
