package org.bdisuite.exporter.generator;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * RFC 4180 CSV: CRLF line ends; a field with a comma, quote, CR or LF is quoted and its quotes doubled. With
 * neutralising on (the default), a text cell that starts with =, +, -, @, TAB or CR is prefixed with a single quote,
 * so that a spreadsheet shows it as text instead of running it as a formula (CSV injection). Numbers are written as
 * they are: a negative number is data, not a formula.
 */
public class CsvRowWriter implements RowWriter {

    private final Writer out;
    private final boolean neutraliseFormulas;
    private final DateTimeFormatter dates;

    public CsvRowWriter(OutputStream stream, boolean neutraliseFormulas, DateTimeFormatter dates) {
        this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 64 * 1024);
        this.neutraliseFormulas = neutraliseFormulas;
        this.dates = dates;
    }

    @Override
    public void header(List<String> headerRow) throws IOException {
        for (int i = 0; i < headerRow.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            writeText(headerRow.get(i));
        }
        out.write("\r\n");
    }

    @Override
    public void row(Object[] values) throws IOException {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            Object value = values[i];
            if (value instanceof Number || value instanceof Boolean) {
                out.write(ValueText.of(value, dates));
            } else {
                writeText(ValueText.of(value, dates));
            }
        }
        out.write("\r\n");
    }

    private void writeText(String text) throws IOException {
        if (neutraliseFormulas && startsLikeAFormula(text)) {
            text = "'" + text;
        }
        if (needsQuotes(text)) {
            out.write('"');
            out.write(text.replace("\"", "\"\""));
            out.write('"');
        } else {
            out.write(text);
        }
    }

    static boolean startsLikeAFormula(String text) {
        if (text.isEmpty()) {
            return false;
        }
        char first = text.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }

    private static boolean needsQuotes(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ',' || c == '"' || c == '\r' || c == '\n') {
                return true;
            }
        }
        return false;
    }

    @Override
    public void finish() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
