package org.bdisuite.exporter.generator;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/** A file generator's writer: a header, then rows, streamed to an output stream. */
public interface RowWriter extends Closeable {

    void header(List<String> headerRow) throws IOException;

    void row(Object[] values) throws IOException;

    /** Ends the document (the JSON array's closing bracket) and flushes; the stream is closed by the caller. */
    void finish() throws IOException;
}
