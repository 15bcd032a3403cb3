package org.bdisuite.exporter.api;

/** The id of a stored service. */
public record ServiceCreatedVo(long id) {}
