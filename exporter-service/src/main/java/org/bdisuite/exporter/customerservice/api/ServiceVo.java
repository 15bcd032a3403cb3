package org.bdisuite.exporter.customerservice.api;

import java.util.Map;

/**
 * A service as every reader prints it (GET, the content stream, the JSON files); documents the schema, the
 * bodies themselves are printed by PostgreSQL (CustomerServiceStore).
 *
 * @param id          its id: the stream's order and resume token
 * @param type        the service type
 * @param customerId  the customer
 * @param state       active (no end event yet) or inactive (completed)
 * @param startedAt   the start event's time, ISO-8601 UTC
 * @param completedAt the end event's time, or null while active
 * @param content     the service's data as ingested
 */
public record ServiceVo(
        long id,
        String type,
        String customerId,
        String state,
        String startedAt,
        String completedAt,
        Map<String, Object> content) {}
