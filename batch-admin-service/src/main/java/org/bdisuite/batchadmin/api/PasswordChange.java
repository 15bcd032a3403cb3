package org.bdisuite.batchadmin.api;

import jakarta.validation.constraints.NotNull;

/** A user's new password. */
public record PasswordChange(@NotNull String password) {}
