package org.bdisuite.exporter.schedule.rest;

import org.bdisuite.runtime.error.InvalidRequestException;

/** Checks page / size query parameters of the paged lists. */
final class Paging {

    static final String DEFAULT_SIZE = "20";
    private static final int MAX_SIZE = 500;
    /** The last page whose first row (page * size) still fits the int the queries take, at the largest size. */
    private static final int MAX_PAGE = Integer.MAX_VALUE / MAX_SIZE;

    private Paging() {}

    static int page(int page) {
        if (page < 0 || page > MAX_PAGE) {
            throw InvalidRequestException.forField("page", "must be from 0 to " + MAX_PAGE);
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
