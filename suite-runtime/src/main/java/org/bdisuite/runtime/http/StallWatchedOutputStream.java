package org.bdisuite.runtime.http;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A response body's output stream that knows how long its current write has been waiting. Quarkus's output stream
 * blocks a write while the connection's write queue is full, that is while the client accepts no more bytes; a
 * write that returns means the client took some. A stream that produces nothing (a slow query) is not waiting here.
 */
final class StallWatchedOutputStream extends FilterOutputStream {

    private volatile boolean writing;
    private volatile long writeStartedNanos;

    StallWatchedOutputStream(OutputStream out) {
        super(out);
    }

    /** Whether the write in progress has waited at least {@code nanos}. */
    boolean stalledFor(long nanos) {
        long started = writeStartedNanos;
        return writing && System.nanoTime() - started >= nanos;
    }

    @Override
    public void write(int b) throws IOException {
        begin();
        try {
            out.write(b);
        } finally {
            writing = false;
        }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        begin();
        try {
            out.write(bytes, offset, length);
        } finally {
            writing = false;
        }
    }

    @Override
    public void flush() throws IOException {
        begin();
        try {
            out.flush();
        } finally {
            writing = false;
        }
    }

    /** Ends the body (its last bytes can wait for the client as well). */
    @Override
    public void close() throws IOException {
        begin();
        try {
            out.close();
        } finally {
            writing = false;
        }
    }

    private void begin() {
        writeStartedNanos = System.nanoTime();
        writing = true;
    }
}
