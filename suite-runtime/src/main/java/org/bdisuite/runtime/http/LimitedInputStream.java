package org.bdisuite.runtime.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.bdisuite.runtime.error.PayloadTooLargeException;

/**
 * A request body counted while it is read: the read that goes past {@code maxBytes} fails with a 413 (its message
 * names the limit), so that a body is never buffered to find out its size.
 */
public final class LimitedInputStream extends FilterInputStream {

    private final long maxBytes;
    private final String limitName;
    private long read;

    /**
     * @param limitName the setting that holds the limit, named in the 413 so that an operator knows what to raise
     */
    public LimitedInputStream(InputStream in, long maxBytes, String limitName) {
        super(in);
        this.maxBytes = maxBytes;
        this.limitName = limitName;
    }

    /** The 413 of a body larger than {@code maxBytes}. */
    public static PayloadTooLargeException tooLarge(long maxBytes, String limitName) {
        return new PayloadTooLargeException(
                "body-too-large",
                "The request body is larger than this endpoint accepts (" + maxBytes + " bytes, " + limitName
                        + "); nothing was stored");
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            counted(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        counted(skipped);
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void counted(long n) {
        read += n;
        if (read > maxBytes) {
            throw tooLarge(maxBytes, limitName);
        }
    }
}
