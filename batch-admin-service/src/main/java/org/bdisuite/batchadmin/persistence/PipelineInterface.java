package org.bdisuite.batchadmin.persistence;

/** One interface of a module as the pipeline moves it (a row of bdi_interface_pipeline). */
public record PipelineInterface(String shortName, String sourceQuery, String inboundTable) {}
