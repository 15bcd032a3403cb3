package org.bdisuite.runtime.csv;

import com.opencsv.CSVWriter;
import com.opencsv.ICSVWriter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Rows written as PostgreSQL's COPY writes {@code (FORMAT csv)}, with opencsv's RFC 4180 writer: comma, double quote,
 * quotes inside a field doubled, a field quoted when it holds a comma, quote, CR or LF; one record per line (LF, as
 * COPY ends them). As COPY does, a NULL is an empty field and an empty string a quoted one ({@code ""}), and a lone
 * {@code \.} in a one-column row is quoted. Every CSV the suite writes row by row goes through it: the exporter's
 * row path (into its COPY filter, which so writes what the COPY path writes) and its services' bulk ingest (into
 * {@code COPY ... FROM STDIN}), and the extractor's staged lines ({@link #line}), which the importer's COPY reads
 * back. UTF-8.
 */
public final class CopyCsvWriter implements AutoCloseable {

    private final ICSVWriter csv;

    public CopyCsvWriter(OutputStream out) {
        this.csv = new CopyCsv(new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024));
    }

    /** Writes one record; a null value is NULL. */
    public void write(String[] values) throws IOException {
        csv.writeNext(values, false);
        IOException failure = csv.getException(); // opencsv keeps a write failure instead of throwing it
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * One record as a single line without its line end, for a store that keeps one CSV line per row (a field with a
     * line break stays quoted inside it).
     */
    public static String line(String[] values) {
        StringBuilder line = new StringBuilder(32 * values.length + 2);
        try {
            new CopyCsv(Writer.nullWriter()).writeNext(values, false, line);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // a StringBuilder does not fail
        }
        line.setLength(line.length() - 1); // the "\n" line end
        return line.toString();
    }

    /** Sends what is buffered to the stream (the stream itself is not closed). */
    public void flush() throws IOException {
        csv.flush();
    }

    @Override
    public void close() throws IOException {
        csv.close();
    }

    /** opencsv's writer with COPY's quoting of the empty string and of a lone end-of-data marker. */
    private static final class CopyCsv extends CSVWriter {

        private boolean singleColumn;

        CopyCsv(Writer writer) {
            super(writer, DEFAULT_SEPARATOR, DEFAULT_QUOTE_CHARACTER, DEFAULT_ESCAPE_CHARACTER, "\n");
        }

        @Override
        protected void writeNext(String[] nextLine, boolean applyQuotesToAll, Appendable appendable)
                throws IOException {
            singleColumn = nextLine != null && nextLine.length == 1;
            super.writeNext(nextLine, applyQuotesToAll, appendable);
        }

        @Override
        protected boolean stringContainsSpecialCharacters(String line) {
            return line.isEmpty()
                    || (singleColumn && line.equals("\\."))
                    || super.stringContainsSpecialCharacters(line);
        }
    }
}
