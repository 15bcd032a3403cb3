package org.bdisuite.runtime.retention;

/** What a purge of one kind deleted (or, in a dry run, would delete): rows and bytes. */
public record Reclaimed(long rows, long bytes) {

    public static final Reclaimed NOTHING = new Reclaimed(0, 0);

    public Reclaimed plus(Reclaimed other) {
        return new Reclaimed(rows + other.rows, bytes + other.bytes);
    }
}
