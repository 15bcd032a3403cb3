package org.bdisuite.exporter.generator;

import com.opencsv.CSVWriter;
import com.opencsv.ICSVWriter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;

/**
 * Rows written as PostgreSQL's COPY writes {@code (FORMAT csv)}, with opencsv's RFC 4180 writer: comma, double quote,
 * quotes inside a field doubled, a field quoted when it holds a comma, quote, CR or LF; one record per line (LF, as
 * COPY ends them). As COPY does, a NULL is an empty field and an empty string a quoted one ({@code ""}), and a lone
 * {@code \.} in a one-column row is quoted. The exporter writes rows row by row with it: into {@link CopyFilter}
 * (the row path of the generators, which so writes what the COPY path writes) and into {@code COPY ... FROM STDIN}
 * (the services' bulk ingest). UTF-8.
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

        CopyCsv(java.io.Writer writer) {
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
