package org.bdisuite.exporter.customerservice.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A service to store: the start event (and, for services loaded after the fact, the end event). Also one line of
 * the bulk NDJSON ingest.
 *
 * @param type       the service type, e.g. "callback" (1-100 characters)
 * @param customerId the customer (1-200 characters)
 * @param content    the service's data, a JSON object (default {})
 * @param startTime  when it started: ISO-8601 with offset or epoch milliseconds; default now
 * @param endTime    when it was completed, if it was; not before the start
 */
public record ServiceRequest(
        String type,
        String customerId,
        // Its schema is a free-form object (mp.openapi.schema.* in application.properties), not Jackson's class.
        @Schema(description = "The service's data, a JSON object (default {})")
        JsonNode content,

        String startTime,
        String endTime) {}
