package org.bdisuite.batchadmin.api;

import com.fasterxml.jackson.annotation.JsonRootName;

/** The spec's answer to start and restart: the new execution's id and its job. */
@JsonRootName("executionIdVo")
public record ExecutionIdVo(long executionId, String jobName) {}
