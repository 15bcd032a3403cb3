package org.bdisuite.exporter.customerservice.api;

/**
 * What a bulk ingest stored.
 *
 * @param created   services stored
 * @param completed of which were stored with an end event
 */
public record BulkIngestVo(long created, long completed) {}
