package org.bdisuite.exporter.rest;

import org.bdisuite.runtime.error.InvalidRequestException;

/** Checks page / size query parameters of the paged lists. */
final class Paging {

    static final String DEFAULT_SIZE = "20";
    private static final int MAX_SIZE = 500;

    private Paging() {
    }

    static int page(int page) {
        if (page < 0) {
            throw InvalidRequestException.forField("page", "must be 0 or more");
        }
        return page;
    }

    static int size(int size) {
        if (size < 1 || size > MAX_SIZE) {
            throw InvalidRequestException.forField("size", "must be between 1 and " + MAX_SIZE);
        }
        return size;
    }
}
