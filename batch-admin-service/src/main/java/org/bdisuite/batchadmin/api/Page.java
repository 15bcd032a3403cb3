package org.bdisuite.batchadmin.api;

/**
 * A page of a list: 0-based page number and the page size, or, for lists of executions, the page that follows the
 * execution {@code after} (keyset paging: the next {@code size} executions with lower ids). An OFFSET walks the index
 * up to the page, so a page deep in a million executions costs tens of milliseconds; a keyset page costs the same
 * wherever it is.
 */
public record Page(int page, int size, Long after) {

    public Page(int page, int size) {
        this(page, size, null);
    }

    public long offset() {
        return after == null ? (long) page * size : 0;
    }
}
