package org.bdisuite.batchadmin.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A result-set row as one line of PostgreSQL's CSV format (what COPY ... (FORMAT csv) reads back): NULL is an
 * empty field, an empty string is {@code ""}, and a value with a comma, quote or line break is quoted. Values are
 * the driver's text form, which is PostgreSQL's own output format for every type.
 */
final class CsvLines {

    private CsvLines() {}

    static String line(ResultSet row, int columns) throws SQLException {
        StringBuilder line = new StringBuilder(64 * columns);
        for (int i = 1; i <= columns; i++) {
            if (i > 1) {
                line.append(',');
            }
            String value = row.getString(i);
            if (value == null) {
                continue;
            }
            if (value.isEmpty() || needsQuotes(value)) {
                line.append('"').append(value.replace("\"", "\"\"")).append('"');
            } else {
                line.append(value);
            }
        }
        return line.toString();
    }

    private static boolean needsQuotes(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r' || c == '\\') {
                return true;
            }
        }
        // COPY reads an unquoted \. alone as end of data.
        return value.equals("\\.");
    }
}
