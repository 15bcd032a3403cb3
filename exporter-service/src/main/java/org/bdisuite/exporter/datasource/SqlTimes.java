package org.bdisuite.exporter.datasource;

/** SQL that prints times the way the exporter's files do, whatever the session's time zone. */
public final class SqlTimes {

    private SqlTimes() {}

    /**
     * The text of a timestamptz expression as an ISO-8601 UTC instant, as {@code Instant.toString} prints whole
     * seconds ({@code 2026-11-01T10:00:00Z}) and with microseconds otherwise; NULL stays NULL.
     */
    public static String isoUtc(String expression) {
        return "CASE WHEN date_trunc('second', " + expression + ") = " + expression
                + " THEN to_char(" + expression + " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
                + " ELSE to_char(" + expression + " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') END";
    }
}
