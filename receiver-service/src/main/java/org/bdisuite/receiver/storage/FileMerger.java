package org.bdisuite.receiver.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Concatenates block files into one merged file (MERGE_TO_PARTITION_LEVEL, MERGE_TO_INTERFACE_LEVEL), in the
 * order given, each non-empty part ending with a newline (an empty block adds no blank line). Bytes go file to file through {@link FileChannel#transferTo}
 * (the kernel copies them; nothing is read into the heap), into a temporary file that replaces the target
 * durably only when complete.
 */
public final class FileMerger {

    private static final ByteBuffer NEWLINE = ByteBuffer.wrap(new byte[] {'\n'}).asReadOnlyBuffer();

    private FileMerger() {}

    /** @return the number of bytes of the merged file */
    public static long concatenate(List<Path> parts, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        Path temporary = DurableFiles.temporarySibling(target);
        try {
            long written = 0;
            try (FileChannel out =
                    FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                for (Path part : parts) {
                    written += append(part, out);
                }
                out.force(true);
            }
            DurableFiles.moveIntoPlace(temporary, target);
            return written;
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static long append(Path part, FileChannel out) throws IOException {
        try (FileChannel in = FileChannel.open(part, StandardOpenOption.READ)) {
            long size = in.size();
            long position = 0;
            while (position < size) {
                position += in.transferTo(position, size - position, out);
            }
            if (size == 0 || endsWithNewline(in, size)) {
                return size;
            }
            ByteBuffer newline = NEWLINE.duplicate();
            while (newline.hasRemaining()) {
                out.write(newline);
            }
            return size + 1;
        }
    }

    private static boolean endsWithNewline(FileChannel in, long size) throws IOException {
        ByteBuffer last = ByteBuffer.allocate(1);
        in.read(last, size - 1);
        return last.get(0) == '\n';
    }
}
