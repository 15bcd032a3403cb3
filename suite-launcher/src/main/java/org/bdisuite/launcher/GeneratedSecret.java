package org.bdisuite.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/**
 * A password generated on the first run and kept in a file only its owner can read, so that later runs
 * (and the user) find the same one.
 */
record GeneratedSecret(String value, boolean created, Path file) {

    /** Letters and digits only, without the ones people misread (0/O, 1/l/I): it gets typed from a terminal. */
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private static final SecureRandom RANDOM = new SecureRandom();

    static GeneratedSecret readOrCreate(Path file, int length) throws IOException {
        return readOrCreate(file, () -> random(length));
    }

    /** A base64-encoded 256-bit key, as {@code suite.secrets.key} takes it. */
    static GeneratedSecret readOrCreateKey(Path file) throws IOException {
        return readOrCreate(file, () -> {
            byte[] key = new byte[32];
            RANDOM.nextBytes(key);
            return java.util.Base64.getEncoder().encodeToString(key);
        });
    }

    private static GeneratedSecret readOrCreate(Path file, java.util.function.Supplier<String> generator)
            throws IOException {
        if (Files.exists(file)) {
            String value = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (value.isEmpty()) {
                throw new IOException(file + " is empty; delete it to have a new one generated");
            }
            return new GeneratedSecret(value, false, file);
        }
        String value = generator.get();
        Files.createDirectories(file.toAbsolutePath().getParent());
        try {
            // Created with 600 from the start: there is no moment at which others could read it.
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        } catch (FileAlreadyExistsException raced) {
            return readOrCreate(file, generator);
        }
        Files.writeString(file, value + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        return new GeneratedSecret(value, true, file);
    }

    static String random(int length) {
        StringBuilder value = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            value.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return value.toString();
    }

    @Override
    public String toString() {
        return "GeneratedSecret[file=" + file + ", created=" + created + "]";
    }
}
