package org.bdisuite.batchadmin.rest;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.bdisuite.batchadmin.api.ExecutionFilter;
import org.bdisuite.batchadmin.api.Page;
import org.bdisuite.runtime.error.InvalidRequestException;
import org.bdisuite.runtime.error.StorableTimes;

/**
 * The query parameters every Batch Service list takes: {@code page} (from 0), {@code size} (1 to 500),
 * {@code status} (one or more JSR-352 batch statuses, comma separated), {@code from} / {@code to} (ISO-8601 with
 * an offset, on the execution's creation time; from inclusive, to exclusive), and for lists of executions
 * {@code after} (an execution id: the page that follows it, newest first; instead of {@code page}). Bad values are
 * a 400 naming them.
 */
public class ListParameters {

    static final int MAX_SIZE = 500;
    private static final Set<String> STATUSES =
            Set.of("STARTING", "STARTED", "STOPPING", "STOPPED", "FAILED", "COMPLETED", "ABANDONED");

    @QueryParam("page")
    @DefaultValue("0")
    String page;

    @QueryParam("size")
    @DefaultValue("20")
    String size;

    @QueryParam("status")
    String status;

    @QueryParam("from")
    String from;

    @QueryParam("to")
    String to;

    @QueryParam("after")
    String after;

    Page page() {
        int number = whole("page", page, 0, Integer.MAX_VALUE / MAX_SIZE);
        int pageSize = whole("size", size, 1, MAX_SIZE);
        if (after == null || after.isBlank()) {
            return new Page(number, pageSize);
        }
        if (number != 0) {
            throw InvalidRequestException.forField(
                    "after", "continues a list after an execution id; it does not go with page");
        }
        return new Page(0, pageSize, executionId("after", after));
    }

    /** Lists that are not of executions have no keyset: {@code after} there is a 400, not silently ignored. */
    Page pageWithoutKeyset() {
        if (after != null && !after.isBlank()) {
            throw InvalidRequestException.forField("after", "only lists of executions continue after an id; use page");
        }
        return page();
    }

    private static long executionId(String name, String value) {
        try {
            long id = Long.parseLong(value.trim());
            if (id < 1) {
                throw InvalidRequestException.forField(name, "must be an execution id of 1 or more");
            }
            return id;
        } catch (NumberFormatException e) {
            throw InvalidRequestException.forField(name, "must be an execution id, not '" + shorten(value) + "'");
        }
    }

    ExecutionFilter filter() {
        OffsetDateTime start = time("from", from);
        OffsetDateTime end = time("to", to);
        if (start != null && end != null && !start.isBefore(end)) {
            throw InvalidRequestException.forField("to", "must be after from");
        }
        return new ExecutionFilter(null, null, statuses(), start, end);
    }

    private List<String> statuses() {
        if (status == null || status.isBlank()) {
            return List.of();
        }
        List<String> result = new ArrayList<>();
        for (String one : status.split(",")) {
            String name = one.trim();
            if (!STATUSES.contains(name)) {
                throw InvalidRequestException.forField(
                        "status",
                        "'" + shorten(name) + "' is not a batch status; one of "
                                + Arrays.toString(STATUSES.stream().sorted().toArray()));
            }
            result.add(name);
        }
        return result;
    }

    private static int whole(String name, String value, int min, int max) {
        try {
            int number = Integer.parseInt(value.trim());
            if (number < min || number > max) {
                throw InvalidRequestException.forField(name, "must be from " + min + " to " + max);
            }
            return number;
        } catch (NumberFormatException e) {
            throw InvalidRequestException.forField(name, "must be a whole number, not '" + shorten(value) + "'");
        }
    }

    private static OffsetDateTime time(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return StorableTimes.require(name, OffsetDateTime.parse(value.trim()));
        } catch (DateTimeParseException e) {
            throw InvalidRequestException.forField(
                    name,
                    "must be an ISO-8601 time with an offset, for example 2026-01-31T23:00:00Z, not '" + shorten(value)
                            + "'");
        }
    }

    static String shorten(String value) {
        String shown = value.length() > 60 ? value.substring(0, 60) + "..." : value;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }
}
