package org.bdisuite.batchadmin.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.bdisuite.model.MergeStrategy;

/** The receiver options of one interface; the folder template is fixed by the spec and cannot be set. */
public record ReceiverOptionChange(
        @NotBlank @Size(max = 255) String baseFolder,
        @NotNull MergeStrategy mergeStrategy) {}
