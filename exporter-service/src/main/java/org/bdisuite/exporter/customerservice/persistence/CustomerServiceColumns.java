package org.bdisuite.exporter.customerservice.persistence;

import java.util.List;
import java.util.stream.Collectors;
import org.bdisuite.exporter.datasource.CopyColumn;
import org.bdisuite.exporter.datasource.CopyColumn.Kind;
import org.bdisuite.exporter.datasource.SqlTimes;

/**
 * How a service is printed, in one place for every reader (GET by id, the JSON stream, the files, the
 * {@code services} data source), so that all of them show a service the same way: the fields of the header row,
 * times as {@link SqlTimes#isoUtc} prints them.
 */
public final class CustomerServiceColumns {

    /** One field of a whole service: its SQL over exporter_service, its label, and its kind for COPY. */
    private record Field(String expression, String label, Kind kind) {}

    private static final String STATE = "CASE WHEN completed_at IS NULL THEN 'active' ELSE 'inactive' END";

    private static final List<Field> FIELDS = List.of(
            new Field("id", "id", Kind.INTEGER),
            new Field("type", "type", Kind.TEXT),
            new Field("customer_id", "customerId", Kind.TEXT),
            new Field(STATE, "state", Kind.TEXT),
            new Field("started_at", "startedAt", Kind.ISO_UTC),
            new Field("completed_at", "completedAt", Kind.ISO_UTC),
            new Field("content", "content", Kind.JSON));

    /** The fields of a whole service, in order: the JSON keys and the CSV header row. */
    public static final List<String> HEADER_ROW =
            FIELDS.stream().map(Field::label).toList();

    /**
     * The select list of a whole service over exporter_service, labelled with the header row, every value printed
     * by PostgreSQL as the exporter shows it (times formatted in SQL): for readers of JDBC values.
     */
    public static final String SELECT_LIST = FIELDS.stream()
            .map(field -> (field.kind() == Kind.ISO_UTC ? SqlTimes.isoUtc(field.expression()) : field.expression())
                    + " AS \"" + field.label() + "\"")
            .collect(Collectors.joining(", "));

    /**
     * The select list of a whole service for {@code COPY} with {@link #COPY_COLUMNS}: the plain values (times as
     * timestamptz), which the COPY filters print as the exporter shows them, on the exporter's core. Formatting the
     * times in SQL (to_char) and building the objects with row_to_json made PostgreSQL's side of the content
     * stream about 2.5x a bare COPY (docs/BENCHMARKS.md).
     */
    public static final String COPY_SELECT_LIST = FIELDS.stream()
            .map(field -> field.expression() + " AS \"" + field.label() + "\"")
            .collect(Collectors.joining(", "));

    /** The columns of {@link #COPY_SELECT_LIST} and what their values need. */
    public static final List<CopyColumn> COPY_COLUMNS = FIELDS.stream()
            .map(field -> new CopyColumn(field.label(), field.kind()))
            .toList();

    private CustomerServiceColumns() {}

    /**
     * The statement that prints each selected service as one JSON object text, built by PostgreSQL (the same keys
     * and values as the JSON files' rows), in the inner statement's id order.
     */
    public static String asJsonObjects(String innerSelect) {
        return "SELECT row_to_json(s)::text FROM (" + innerSelect + ") AS s";
    }
}
