package org.bdisuite.exporter.datasource;

import java.util.regex.Pattern;

/**
 * The first, textual check of a registered SQL data source: one statement that starts with SELECT or WITH. It
 * skips string literals, quoted identifiers and comments, so that a semicolon in them is not taken for a second
 * statement. PostgreSQL then parses it as a subquery in a read-only transaction (the check that really decides).
 */
public final class SelectStatements {

    private static final Pattern START = Pattern.compile("(?i)(SELECT|WITH)\\b");

    private SelectStatements() {
    }

    /** The statement without a trailing semicolon, or null when it is not a single SELECT / WITH statement. */
    public static String singleSelect(String sql) {
        if (sql == null) {
            return null;
        }
        String trimmed = stripTrailingSemicolon(sql.strip());
        if (trimmed == null || containsStatementBreak(trimmed)) {
            return null;
        }
        return START.matcher(skipCommentsAndSpace(trimmed)).lookingAt() ? trimmed : null;
    }

    private static String stripTrailingSemicolon(String sql) {
        String result = sql;
        while (result.endsWith(";")) {
            result = result.substring(0, result.length() - 1).strip();
        }
        return result.isEmpty() ? null : result;
    }

    private static boolean containsStatementBreak(String sql) {
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                i = skipQuoted(sql, i, c);
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                if (end < 0) {
                    return true; // an unterminated comment: refuse rather than guess
                }
                i = end + 2;
            } else if (c == '$') {
                return true; // dollar quoting is not needed in a data source and would hide a second statement
            } else if (c == ';') {
                return true;
            } else {
                i++;
            }
        }
        return false;
    }

    private static int skipQuoted(String sql, int start, char quote) {
        int i = start + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return sql.length();
    }

    private static String skipCommentsAndSpace(String sql) {
        int i = 0;
        while (i < sql.length()) {
            if (Character.isWhitespace(sql.charAt(i))) {
                i++;
            } else if (sql.startsWith("--", i)) {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? sql.length() : end + 1;
            } else if (sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? sql.length() : end + 2;
            } else {
                break;
            }
        }
        return sql.substring(i);
    }
}
