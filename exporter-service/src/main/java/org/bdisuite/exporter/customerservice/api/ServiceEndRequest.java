package org.bdisuite.exporter.customerservice.api;

/**
 * The end event of a service.
 *
 * @param endTime when it was completed: ISO-8601 with offset or epoch milliseconds; default now
 */
public record ServiceEndRequest(String endTime) {}
