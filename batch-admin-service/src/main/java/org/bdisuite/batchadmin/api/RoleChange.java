package org.bdisuite.batchadmin.api;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.Set;

/** The complete new set of a user's roles. */
public record RoleChange(@NotEmpty Set<@NotNull String> roles) {}
