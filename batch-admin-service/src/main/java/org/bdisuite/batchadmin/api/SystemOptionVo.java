package org.bdisuite.batchadmin.api;

import com.fasterxml.jackson.annotation.JsonRootName;
import java.time.OffsetDateTime;

/** A row of BDI_SYSTEM_OPTIONS. */
@JsonRootName("systemOptionVo")
public record SystemOptionVo(String name, String value, String description, OffsetDateTime updatedAt) {}
