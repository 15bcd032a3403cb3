package org.bdisuite.batchadmin.persistence;

/** A page of a list: 0-based page number and the page size. */
public record Page(int page, int size) {

    public long offset() {
        return (long) page * size;
    }
}
