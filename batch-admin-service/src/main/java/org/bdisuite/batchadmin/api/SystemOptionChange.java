package org.bdisuite.batchadmin.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The new value of a system option. */
public record SystemOptionChange(@NotNull @Size(max = 4000) String value) {}
