package org.bdisuite.exporter.datasource;

import java.util.List;

/**
 * How a service is printed, in one place for every reader (GET by id, the JSON stream, the files), so that all of
 * them show a service the same way.
 */
public final class ServiceColumns {

    /** The fields of a whole service, in order: the JSON keys and the CSV header row. */
    public static final List<String> HEADER_ROW = List.of("id", "type", "customerId", "state", "startedAt",
            "completedAt", "content");

    /** The select list of a whole service over exporter_service, labelled with the header row. */
    public static final String SELECT_LIST = "id AS \"id\", type AS \"type\", customer_id AS \"customerId\","
            + " CASE WHEN completed_at IS NULL THEN 'active' ELSE 'inactive' END AS \"state\","
            + " " + SqlTimes.isoUtc("started_at") + " AS \"startedAt\","
            + " " + SqlTimes.isoUtc("completed_at") + " AS \"completedAt\", content AS \"content\"";

    private ServiceColumns() {
    }

    /**
     * The statement that prints each selected service as one JSON object text, built by PostgreSQL (the same keys
     * and values as the JSON files' rows), in the inner statement's id order.
     */
    public static String asJsonObjects(String innerSelect) {
        return "SELECT row_to_json(s)::text FROM (" + innerSelect + ") AS s";
    }
}
