package org.bdisuite.exporter.generator;

import java.nio.file.Path;

/**
 * A file a run wrote.
 *
 * @param name   its name
 * @param path   where it is
 * @param bytes  its size
 * @param sha256 SHA-256 of its content, hex
 * @param rows   data rows in it (null for the manifest)
 */
public record GeneratedFile(String name, Path path, long bytes, String sha256, Long rows) {}
