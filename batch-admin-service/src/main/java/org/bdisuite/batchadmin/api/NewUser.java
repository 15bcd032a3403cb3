package org.bdisuite.batchadmin.api;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.Set;

/** A user to create: name, initial password, and one or more of the suite's roles. */
public record NewUser(
        @NotNull @Pattern(regexp = UserNames.PATTERN, message = UserNames.RULE)
        String username,

        @NotNull String password,
        @NotEmpty Set<@NotNull String> roles) {}
