package org.bdisuite.exporter.generator;

/** The data source returned more rows than one file may hold, and the schedule does not split. */
public class RowLimitExceededException extends RuntimeException {

    public RowLimitExceededException(String dataSource, int limit) {
        super(
                "Data source " + dataSource + " returned more than " + limit + " rows, the limit of one file;"
                        + " nothing was exported (a schedule with split=true writes parts of at most " + limit
                        + " rows)",
                null,
                false,
                false);
    }
}
