package org.bdisuite.exporter.generator;

import java.io.IOException;
import java.io.OutputStream;

/**
 * An output stream that sees every byte written to it (a COPY's output) and emits what it makes of them through a
 * buffer of its own into {@link #target()}: a per-byte call into a BufferedOutputStream (synchronized) costs more
 * than COPY itself.
 */
public abstract class ByteFilter extends OutputStream {

    private final byte[] buffer = new byte[64 * 1024];
    private int buffered;

    /** Handles one input byte. */
    protected abstract void accept(byte b) throws IOException;

    /** Where emitted bytes go; may change after a {@link #drain()}. */
    protected abstract OutputStream target();

    @Override
    public final void write(int b) throws IOException {
        accept((byte) b);
    }

    @Override
    public final void write(byte[] bytes, int offset, int length) throws IOException {
        for (int i = offset; i < offset + length; i++) {
            accept(bytes[i]);
        }
    }

    protected void emit(byte b) throws IOException {
        if (buffered == buffer.length) {
            drain();
        }
        buffer[buffered++] = b;
    }

    /** Writes what is buffered into the target. */
    protected final void drain() throws IOException {
        target().write(buffer, 0, buffered);
        buffered = 0;
    }
}
