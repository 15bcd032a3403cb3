package org.bdisuite.batchadmin.jobs;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.LongConsumer;
import org.bdisuite.batchadmin.persistence.HandOverStore.ReceivedFile;

/**
 * A received file read once, counted and hashed as it streams into COPY, then compared with what the receiver
 * recorded in the hand-over: a file changed, cut short or swapped after the hand-over fails the import (which then
 * loads nothing) instead of loading other rows.
 */
final class VerifiedFile {

    private final ReceivedFile file;
    private final LongConsumer rowsStreamed;
    private MessageDigest digest;
    private long bytes;

    /** {@code rowsStreamed} hears of the lines as they stream (the console's rows done; COPY's count is exact). */
    VerifiedFile(ReceivedFile file, LongConsumer rowsStreamed) {
        this.file = file;
        this.rowsStreamed = rowsStreamed;
    }

    InputStream open(InputStream in) {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
        bytes = 0;
        return new FilterInputStream(new DigestInputStream(in, digest)) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    bytes++;
                    if (b == '\n') {
                        rowsStreamed.accept(1);
                    }
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0) {
                    bytes += n;
                    rowsStreamed.accept(newlines(buffer, offset, n));
                }
                return n;
            }
        };
    }

    private static long newlines(byte[] buffer, int offset, int length) {
        long lines = 0;
        for (int i = offset; i < offset + length; i++) {
            if (buffer[i] == '\n') {
                lines++;
            }
        }
        return lines;
    }

    /** @throws IOException when the file's rows, bytes or SHA-256 differ from the hand-over's (when it has them) */
    void requireAsRecorded(long rowsCopied) throws IOException {
        String sha256 = HexFormat.of().formatHex(digest.digest());
        if (file.rows() != null && file.rows() != rowsCopied
                || file.bytes() != null && file.bytes() != bytes
                || file.sha256() != null && !file.sha256().equals(sha256)) {
            throw new IOException("Received file " + file.path() + " is not the file the receiver handed over: "
                    + rowsCopied + " rows, " + bytes + " bytes, sha-256 " + sha256 + " instead of " + file.rows()
                    + " rows, " + file.bytes() + " bytes, sha-256 " + file.sha256());
        }
    }
}
