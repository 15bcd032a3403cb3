package org.bdisuite.exporter.customerservice.api;

/** The id of a stored service. */
public record ServiceCreatedVo(long id) {}
