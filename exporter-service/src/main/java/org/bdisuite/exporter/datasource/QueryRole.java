package org.bdisuite.exporter.datasource;

/** Whose rights a data source's query runs with. */
public enum QueryRole {

    /** The suite's own database user: the built-in data sources, whose queries are written in this code base. */
    SUITE,

    /**
     * The suite's own user on the streams' own pool (quarkus.datasource.streams): a query whose rows go to an HTTP
     * client, who decides how long the connection is held; the default pool stays free for authentication.
     */
    SUITE_STREAM,

    /**
     * The PostgreSQL role suite_export_reader: SQL data sources, written by administrators. It reads only what was
     * granted to it (the views of schema export_views), in read-only sessions.
     */
    EXPORT_READER
}
