package org.bdisuite.batchadmin.api;

import com.fasterxml.jackson.annotation.JsonRootName;
import java.time.OffsetDateTime;

/** A stored credential as the API shows it: never the password, only that one is set. */
@JsonRootName("credentialVo")
public record CredentialVo(
        String name, String username, boolean passwordSet, String description, OffsetDateTime updatedAt) {}
