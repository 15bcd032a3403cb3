package org.bdisuite.batchadmin.api;

import java.time.OffsetDateTime;
import java.util.List;

/** A user as the System Setting Service shows it: never the password or its hash. */
public record UserView(
        String username, List<String> roles, boolean enabled, OffsetDateTime createdAt, OffsetDateTime updatedAt) {}
