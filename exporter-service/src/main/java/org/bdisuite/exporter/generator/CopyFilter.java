package org.bdisuite.exporter.generator;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongConsumer;
import org.bdisuite.exporter.datasource.CopyColumn;
import org.bdisuite.exporter.datasource.CopyColumn.Kind;
import org.bdisuite.exporter.datasource.persistence.CopyReader.Stop;

/**
 * The byte filter between PostgreSQL's {@code COPY ... (FORMAT csv)} output and the part files: one pass over the
 * bytes that finds fields and records (RFC 4180 quoting, as COPY writes it), rewrites the few values whose text
 * differs from PostgreSQL's (times, dates, booleans; see {@link CopyValues}), counts rows for the limit and cuts the
 * parts. Runs of plain bytes are copied as runs; output goes to one large buffer that is hashed and written to the
 * part file when full. {@link Csv} writes CSV (CRLF records, formula neutralising of text columns, the header row
 * on every part); {@link Json} writes the JSON array of objects (or NDJSON). It is the one writer of both formats:
 * the row path of {@link ExportFiles} feeds it the same CSV as COPY does.
 */
abstract class CopyFilter extends OutputStream {

    private static final int FIELD_START = 0;
    private static final int UNQUOTED = 1;
    private static final int QUOTED = 2;
    private static final int QUOTE_SEEN = 3;
    private static final int BUFFER = 256 * 1024;

    private final String sourceName;
    private final boolean split;
    private final Path directory;
    private final String baseName;
    private final String extension;
    /** Rows per file; a stream has none. */
    private final long limit;
    /** Where a stream goes (then there are no part files); null for files. */
    private final OutputStream stream;

    final List<CopyColumn> columns;
    final Kind[] kinds;
    private final List<GeneratedFile> completed = new ArrayList<>();
    /**
     * Forces the part files on the way (early writeback) and forces and renames the completed parts of a split
     * export while the next part is written.
     */
    private final java.util.concurrent.ExecutorService durability =
            java.util.concurrent.Executors.newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task, "export-part-force");
                thread.setDaemon(true);
                return thread;
            });

    private final List<java.util.concurrent.Future<?>> pending = new ArrayList<>();
    private PartFile file;
    final byte[] out = new byte[BUFFER];
    int pos;
    /** A value that is rewritten as a whole (not text): its bytes, unquoted. */
    byte[] value = new byte[64];

    int valueLength;
    long rowsInPart;
    private long rowsWritten;
    private LongConsumer progress = rowsSoFar -> {};
    private int state = FIELD_START;
    private boolean recordOpen;
    int field;

    final CopyValues.Sink sink = new CopyValues.Sink() {
        @Override
        public void put(byte b) {
            if (pos == out.length) {
                flushUnchecked();
            }
            out[pos++] = b;
        }

        @Override
        public void put(byte[] bytes, int from, int to) {
            copy(bytes, from, to);
        }
    };

    CopyFilter(
            String sourceName,
            boolean split,
            Path directory,
            String baseName,
            String extension,
            int limit,
            List<CopyColumn> columns) {
        this(sourceName, split, directory, baseName, extension, limit, null, columns);
    }

    /** Part files when {@code stream} is null, else the one document written into it. */
    CopyFilter(
            String sourceName,
            boolean split,
            Path directory,
            String baseName,
            String extension,
            long limit,
            OutputStream stream,
            List<CopyColumn> columns) {
        this.sourceName = sourceName;
        this.split = split;
        this.directory = directory;
        this.baseName = baseName;
        this.extension = extension;
        this.limit = limit;
        this.stream = stream;
        this.columns = List.copyOf(columns);
        this.kinds = columns.stream().map(CopyColumn::kind).toArray(Kind[]::new);
    }

    /** Tells {@code listener} the data rows written so far after each row (a file job's progress). */
    CopyFilter onProgress(LongConsumer listener) {
        this.progress = listener;
        return this;
    }

    // ---- the hooks of the formats ----------------------------------------------------------------------------

    /** A record begins (after the limit check). */
    abstract void beginRecord() throws IOException;

    /** Field {@link #field} begins; quoted says whether COPY quoted it (never for NULL). */
    abstract void beginField(boolean quoted);

    /** Decoded content bytes of the current field. */
    abstract void content(byte[] bytes, int from, int to);

    /** A doubled quote inside a quoted field: one quote of content. */
    abstract void quote();

    abstract void endField(boolean quoted);

    /** Field {@link #field} is NULL (an unquoted empty field). */
    abstract void nullField();

    abstract void endRecord();

    /** What every part begins with. */
    abstract void beginPart() throws IOException;

    /** What every part ends with. */
    abstract void endPart();

    /** Whether the record that begins is a data row (not the header). */
    abstract boolean isDataRecord();

    // ---- the tokenizer ---------------------------------------------------------------------------------------

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        int i = offset;
        int end = offset + length;
        try {
            while (i < end) {
                if (!recordOpen) {
                    openRecord();
                }
                switch (state) {
                    case FIELD_START -> {
                        byte c = bytes[i];
                        if (c == '"') {
                            beginField(true);
                            state = QUOTED;
                            i++;
                        } else if (c == ',') {
                            nullField();
                            field++;
                            i++;
                        } else if (c == '\n') {
                            nullField();
                            closeRecord();
                            i++;
                        } else {
                            beginField(false);
                            state = UNQUOTED;
                        }
                    }
                    case UNQUOTED -> {
                        int j = i;
                        while (j < end && bytes[j] != ',' && bytes[j] != '\n') {
                            j++;
                        }
                        if (j > i) {
                            content(bytes, i, j);
                        }
                        i = j;
                        if (j < end) {
                            endField(false);
                            if (bytes[j] == ',') {
                                field++;
                                state = FIELD_START;
                            } else {
                                closeRecord();
                            }
                            i++;
                        }
                    }
                    case QUOTED -> {
                        int j = i;
                        while (j < end && bytes[j] != '"') {
                            j++;
                        }
                        if (j > i) {
                            content(bytes, i, j);
                        }
                        i = j;
                        if (j < end) {
                            state = QUOTE_SEEN;
                            i++;
                        }
                    }
                    default -> { // QUOTE_SEEN: a doubled quote, or the end of the quoted field
                        byte c = bytes[i];
                        if (c == '"') {
                            quote();
                            state = QUOTED;
                            i++;
                        } else {
                            endField(true);
                            if (c == ',') {
                                field++;
                                state = FIELD_START;
                            } else if (c == '\n') {
                                closeRecord();
                            } else {
                                throw new IllegalStateException("unexpected byte after a quoted COPY field: " + c);
                            }
                            i++;
                        }
                    }
                }
            }
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        } catch (RuntimeException e) {
            // pgjdbc's copyOut cancels the COPY on an IOException only; CopyReader unwraps the cause.
            throw new Stop(e);
        }
    }

    private void openRecord() throws IOException {
        recordOpen = true;
        field = 0;
        state = FIELD_START;
        if (isDataRecord() && rowsInPart == limit) {
            if (!split) {
                throw new Stop(new RowLimitExceededException(sourceName, (int) limit));
            }
            closePart();
            openPart();
        }
        beginRecord();
    }

    private void closeRecord() {
        boolean data = isDataRecord();
        endRecord();
        recordOpen = false;
        state = FIELD_START;
        if (data) {
            rowsInPart++;
            progress.accept(++rowsWritten);
        }
    }

    // ---- output ----------------------------------------------------------------------------------------------

    final void copy(byte[] bytes, int from, int to) {
        int length = to - from;
        if (length > out.length - pos) {
            flushUnchecked();
            if (length > out.length) {
                writeThrough(bytes, from, length);
                return;
            }
        }
        System.arraycopy(bytes, from, out, pos, length);
        pos += length;
    }

    final void put(byte b) {
        if (pos == out.length) {
            flushUnchecked();
        }
        out[pos++] = b;
    }

    /** Room for n more bytes in the buffer (n at most its size). */
    final void room(int n) {
        if (n > out.length - pos) {
            flushUnchecked();
        }
    }

    final void appendValue(byte[] bytes, int from, int to) {
        int length = to - from;
        if (valueLength + length > value.length) {
            value = Arrays.copyOf(value, Math.max(value.length * 2, valueLength + length));
        }
        System.arraycopy(bytes, from, value, valueLength, length);
        valueLength += length;
    }

    final void appendValue(byte b) {
        if (valueLength == value.length) {
            value = Arrays.copyOf(value, value.length * 2);
        }
        value[valueLength++] = b;
    }

    void flush(byte[] bytes, int from, int length) throws IOException {
        if (stream != null) {
            stream.write(bytes, from, length);
        } else {
            file.write(bytes, from, length);
        }
    }

    private void flushUnchecked() {
        try {
            flush(out, 0, pos);
            pos = 0;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void writeThrough(byte[] bytes, int from, int length) {
        try {
            flush(bytes, from, length);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    // ---- parts -----------------------------------------------------------------------------------------------

    final void openPart() throws IOException {
        rowsInPart = 0;
        if (stream != null) {
            beginPart();
            return;
        }
        String name = split
                ? String.format("%s_part%04d.%s", baseName, completed.size() + 1, extension)
                : baseName + "." + extension;
        file = new PartFile(directory.resolve(name), durability);
        beginPart();
    }

    private void closePart() throws IOException {
        endPart();
        flush(out, 0, pos);
        pos = 0;
        completed.add(file.completeLater(rowsInPart, durability, pending));
        file = null;
    }

    ExportFiles.Generated finish() throws IOException {
        if (recordOpen || (file == null && stream == null)) {
            throw new IOException("COPY ended inside a record");
        }
        endPart();
        flush(out, 0, pos);
        pos = 0;
        if (stream != null) {
            stream.flush();
            durability.shutdown();
            return new ExportFiles.Generated(rowsWritten, List.of());
        }
        completed.add(file.complete(rowsInPart));
        file = null;
        awaitParts();
        if (split) {
            completed.add(ExportFiles.manifest(directory, baseName, completed));
        }
        long rows = completed.stream()
                .filter(f -> f.rows() != null)
                .mapToLong(GeneratedFile::rows)
                .sum();
        return new ExportFiles.Generated(rows, List.copyOf(completed));
    }

    /** Waits until every completed part is forced and renamed; the first failure is thrown. */
    private void awaitParts() throws IOException {
        durability.shutdown();
        IOException failure = null;
        boolean interrupted = false;
        for (java.util.concurrent.Future<?> part : pending) { // all of them: none may rename after abandon()
            while (true) {
                try {
                    part.get();
                    break;
                } catch (java.util.concurrent.ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
                    }
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            throw failure;
        }
    }

    void abandon() {
        if (file != null) {
            file.abandon();
        }
        try {
            awaitParts();
        } catch (IOException ignored) {
            // the files are deleted next
        }
        for (GeneratedFile part : completed) {
            try {
                Files.deleteIfExists(part.path());
                Files.deleteIfExists(PartFile.temporary(part.path()));
            } catch (IOException ignored) {
                // a retried run rewrites the same names
            }
        }
    }

    // ---- CSV -------------------------------------------------------------------------------------------------

    /**
     * CSV as COPY writes it (HEADER on), plus CRLF record ends, the neutralising of text cells that start like a
     * formula, the to_char text of times, dates and booleans, and the header row at the top of every part.
     */
    static final class Csv extends CopyFilter {

        private final boolean neutralise;
        private final int[] dateLayout;
        private final ByteArrayOutputStream headerCapture = new ByteArrayOutputStream();
        private byte[] header;
        private int headerFrom;
        private boolean formulaCheck;
        /**
         * A quoted field whose opening quote is not written yet: it is written with the first content, so that an
         * empty string (which COPY quotes to tell it from NULL) is an empty cell, as NULL is (RFC 4180 has no NULL).
         */
        private boolean quotePending;

        Csv(
                String sourceName,
                boolean split,
                Path directory,
                String baseName,
                int limit,
                List<CopyColumn> columns,
                boolean neutralise,
                String datePattern)
                throws IOException {
            super(sourceName, split, directory, baseName, "csv", limit, columns);
            this.neutralise = neutralise;
            this.dateLayout = CopyValues.layout(datePattern);
            if (dateLayout == null) {
                throw new IllegalArgumentException("date pattern " + datePattern);
            }
            openPart();
        }

        @Override
        boolean isDataRecord() {
            return header != null;
        }

        @Override
        void beginPart() {
            if (header != null) {
                copy(header, 0, header.length);
            }
        }

        @Override
        void endPart() {}

        @Override
        void beginRecord() {
            if (header == null) {
                headerFrom = pos;
            }
        }

        private boolean rewritten() {
            return header != null && field < kinds.length && kinds[field].compareTo(Kind.BOOLEAN) >= 0;
        }

        @Override
        void beginField(boolean quoted) {
            if (field > 0) {
                put((byte) ',');
            }
            if (rewritten()) {
                valueLength = 0;
                return;
            }
            formulaCheck = neutralise
                    && header != null
                    && field < kinds.length
                    && (kinds[field] == Kind.TEXT || kinds[field] == Kind.JSON);
            quotePending = quoted;
        }

        private void openQuote() {
            if (quotePending) {
                quotePending = false;
                put((byte) '"');
            }
        }

        @Override
        void content(byte[] bytes, int from, int to) {
            if (rewritten()) {
                appendValue(bytes, from, to);
                return;
            }
            openQuote();
            if (formulaCheck) {
                formulaCheck = false;
                byte first = bytes[from];
                if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
                    put((byte) '\'');
                }
            }
            copy(bytes, from, to);
        }

        @Override
        void quote() {
            if (rewritten()) {
                appendValue((byte) '"');
                return;
            }
            openQuote();
            formulaCheck = false;
            put((byte) '"');
            put((byte) '"');
        }

        @Override
        void endField(boolean quoted) {
            formulaCheck = false;
            if (rewritten()) {
                switch (kinds[field]) {
                    case BOOLEAN -> CopyValues.bool(value, valueLength, sink);
                    case DATE -> CopyValues.csvDate(value, valueLength, dateLayout, sink);
                    default -> CopyValues.csvTimestamp(value, valueLength, sink);
                }
            } else if (quotePending) {
                quotePending = false; // an empty string: an empty cell
            } else if (quoted) {
                put((byte) '"');
            }
        }

        @Override
        void nullField() {
            if (field > 0) {
                put((byte) ',');
            }
        }

        @Override
        void endRecord() {
            put((byte) '\r');
            put((byte) '\n');
            if (header == null) {
                headerCapture.write(out, headerFrom, pos - headerFrom);
                header = headerCapture.toByteArray();
            }
        }

        @Override
        void flush(byte[] bytes, int from, int length) throws IOException {
            if (header == null && bytes == out) {
                // the header row is still being written: keep what leaves the buffer
                headerCapture.write(out, headerFrom, pos - headerFrom);
                headerFrom = 0;
            } else if (header == null) {
                headerCapture.write(bytes, from, length);
            }
            super.flush(bytes, from, length);
        }
    }

    // ---- JSON ------------------------------------------------------------------------------------------------

    /**
     * The JSON array of objects the former JDBC path wrote with Jackson, byte for byte: keys as Jackson escapes them,
     * strings escaped as Jackson's UTF-8 generator does, values as JDBC converted them. COPY runs without HEADER.
     * Into a stream it writes the same array, or NDJSON: one object per line, no brackets and no commas.
     */
    static final class Json extends CopyFilter {

        private static final JsonFactory FACTORY = new JsonFactory();
        private static final byte[] NULL = CopyValues.ascii("null");
        private static final byte[] HEX = CopyValues.ascii("0123456789ABCDEF");
        /** 0: written as is; otherwise the letter of a two-character escape, or 'u' for \\u00XX. */
        private static final byte[] ESCAPES = new byte[128];

        static {
            for (int c = 0; c < 0x20; c++) {
                ESCAPES[c] = 'u';
            }
            ESCAPES['\b'] = 'b';
            ESCAPES['\t'] = 't';
            ESCAPES['\n'] = 'n';
            ESCAPES['\f'] = 'f';
            ESCAPES['\r'] = 'r';
            ESCAPES['"'] = '"';
            ESCAPES['\\'] = '\\';
        }

        /** {@code "key":} per column, then the same with a leading comma. */
        private final byte[][] keys;

        private final byte[][] nextKeys;
        private final int[] dateLayout;
        private final DateTimeFormatter dates;
        /** NDJSON instead of an array (streams only). */
        private final boolean lines;
        /** The first bytes of a four-byte UTF-8 character whose rest is in the next chunk. */
        private final byte[] pending = new byte[4];

        private int pendingLength;

        Json(
                String sourceName,
                boolean split,
                Path directory,
                String baseName,
                int limit,
                List<CopyColumn> columns,
                List<String> keyNames,
                DateTimeFormatter dates,
                String datePattern)
                throws IOException {
            this(sourceName, split, directory, baseName, limit, null, false, columns, keyNames, dates, datePattern);
        }

        /** Writes the rows into {@code stream} as a JSON array, or with {@code lines} as NDJSON. */
        Json(
                OutputStream stream,
                boolean lines,
                List<CopyColumn> columns,
                List<String> keyNames,
                DateTimeFormatter dates,
                String datePattern)
                throws IOException {
            this(null, false, null, null, Long.MAX_VALUE, stream, lines, columns, keyNames, dates, datePattern);
        }

        private Json(
                String sourceName,
                boolean split,
                Path directory,
                String baseName,
                long limit,
                OutputStream stream,
                boolean lines,
                List<CopyColumn> columns,
                List<String> keyNames,
                DateTimeFormatter dates,
                String datePattern)
                throws IOException {
            super(sourceName, split, directory, baseName, "json", limit, stream, columns);
            this.lines = lines;
            this.dates = dates;
            this.dateLayout = CopyValues.layout(datePattern);
            this.keys = keys(keyNames);
            this.nextKeys = nextKeys(keys);
            openPart();
        }

        private static byte[][] keys(List<String> keyNames) throws IOException {
            byte[][] keys = new byte[keyNames.size()][];
            for (int i = 0; i < keys.length; i++) {
                keys[i] = key(keyNames.get(i));
            }
            return keys;
        }

        /** The keys with a leading comma. */
        private static byte[][] nextKeys(byte[][] keys) {
            byte[][] nextKeys = new byte[keys.length][];
            for (int i = 0; i < keys.length; i++) {
                nextKeys[i] = new byte[keys[i].length + 1];
                nextKeys[i][0] = ',';
                System.arraycopy(keys[i], 0, nextKeys[i], 1, keys[i].length);
            }
            return nextKeys;
        }

        /** The key as Jackson writes a field name: {"key":null} less the braces and the null. */
        private static byte[] key(String name) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (JsonGenerator json = FACTORY.createGenerator(bytes, JsonEncoding.UTF8)) {
                json.writeStartObject();
                json.writeNullField(name);
                json.writeEndObject();
            }
            byte[] all = bytes.toByteArray();
            return Arrays.copyOfRange(all, 1, all.length - 5);
        }

        @Override
        boolean isDataRecord() {
            return true;
        }

        @Override
        void beginPart() {
            if (!lines) {
                put((byte) '[');
            }
        }

        @Override
        void endPart() {
            if (!lines) {
                put((byte) ']');
            }
        }

        @Override
        void beginRecord() {
            if (rowsInPart > 0 && !lines) {
                put((byte) ',');
            }
            put((byte) '{');
        }

        private void key() {
            byte[] key = field == 0 ? keys[0] : nextKeys[field];
            copy(key, 0, key.length);
        }

        @Override
        void beginField(boolean quoted) {
            key();
            Kind kind = kinds[field];
            if (kind == Kind.TEXT) {
                put((byte) '"');
            } else if (kind != Kind.INTEGER && kind != Kind.JSON) {
                valueLength = 0;
            }
        }

        @Override
        void content(byte[] bytes, int from, int to) {
            switch (kinds[field]) {
                case TEXT -> escape(bytes, from, to);
                case INTEGER, JSON -> copy(bytes, from, to);
                default -> appendValue(bytes, from, to);
            }
        }

        private void escape(byte[] bytes, int from, int to) {
            int i = from;
            if (pendingLength > 0) {
                while (pendingLength < 4 && i < to) {
                    pending[pendingLength++] = bytes[i++];
                }
                if (pendingLength < 4) {
                    return;
                }
                surrogates(pending, 0);
                pendingLength = 0;
            }
            while (i < to) {
                int run = i;
                while (run < to) {
                    byte c = bytes[run];
                    if (c >= 0 ? ESCAPES[c] != 0 : (c & 0xF8) == 0xF0) {
                        break;
                    }
                    run++;
                }
                if (run > i) {
                    copy(bytes, i, run);
                }
                if (run == to) {
                    return;
                }
                byte c = bytes[run];
                if (c < 0) {
                    if (to - run < 4) { // the rest of the character comes with the next bytes
                        pendingLength = to - run;
                        System.arraycopy(bytes, run, pending, 0, pendingLength);
                        return;
                    }
                    surrogates(bytes, run);
                    i = run + 4;
                    continue;
                }
                byte escape = ESCAPES[c];
                room(6);
                out[pos++] = '\\';
                if (escape == 'u') {
                    out[pos++] = 'u';
                    out[pos++] = '0';
                    out[pos++] = '0';
                    out[pos++] = HEX[c >> 4];
                    out[pos++] = HEX[c & 0xF];
                } else {
                    out[pos++] = escape;
                }
                i = run + 1;
            }
        }

        /** Jackson's UTF-8 generator writes a character beyond U+FFFF as its two escaped UTF-16 surrogates. */
        private void surrogates(byte[] bytes, int at) {
            int codePoint = ((bytes[at] & 0x07) << 18)
                    | ((bytes[at + 1] & 0x3F) << 12)
                    | ((bytes[at + 2] & 0x3F) << 6)
                    | (bytes[at + 3] & 0x3F);
            room(12);
            hex4(Character.highSurrogate(codePoint));
            hex4(Character.lowSurrogate(codePoint));
        }

        private void hex4(char c) {
            out[pos++] = '\\';
            out[pos++] = 'u';
            out[pos++] = HEX[(c >> 12) & 0xF];
            out[pos++] = HEX[(c >> 8) & 0xF];
            out[pos++] = HEX[(c >> 4) & 0xF];
            out[pos++] = HEX[c & 0xF];
        }

        @Override
        void quote() {
            switch (kinds[field]) {
                case TEXT -> {
                    put((byte) '\\');
                    put((byte) '"');
                }
                case INTEGER, JSON -> put((byte) '"');
                default -> appendValue((byte) '"');
            }
        }

        @Override
        void endField(boolean quoted) {
            switch (kinds[field]) {
                case TEXT -> put((byte) '"');
                case INTEGER, JSON -> {}
                case NUMERIC -> CopyValues.jsonNumeric(value, valueLength, sink);
                case DOUBLE -> CopyValues.jsonDouble(value, valueLength, sink);
                case BOOLEAN -> CopyValues.bool(value, valueLength, sink);
                case DATE -> CopyValues.jsonDate(value, valueLength, dateLayout, dates, sink);
                case TIMESTAMP ->
                    CopyValues.jsonTimestamp(
                            value, valueLength, columns.get(field).label(), sink);
                case ISO_UTC -> CopyValues.jsonIsoUtc(value, valueLength, sink);
            }
        }

        @Override
        void nullField() {
            key();
            copy(NULL, 0, NULL.length);
        }

        @Override
        void endRecord() {
            put((byte) '}');
            if (lines) {
                put((byte) '\n');
            }
        }
    }
}
