package org.bdisuite.batchadmin.rest;

import org.bdisuite.runtime.error.InvalidRequestException;

/** Ids in paths are positive whole numbers; anything else is a 400 naming the parameter, not a 404. */
final class PathIds {

    private PathIds() {}

    static long id(String name, String value) {
        try {
            long id = Long.parseLong(value);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // the 400 below
        }
        throw InvalidRequestException.forField(
                name, "must be a positive whole number, not '" + ListParameters.shorten(value) + "'");
    }
}
