package org.bdisuite.batchadmin.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

/** A credential to store: the password is sealed at once and never shown again. */
public record CredentialChange(
        @NotBlank @Size(max = 255) String username,
        @NotEmpty @Size(max = 1024) String password,
        @Size(max = 1000) String description) {

    /** Without the password, so that a logged or printed request never shows it. */
    @Override
    public String toString() {
        return "CredentialChange[username=" + username + ", password=***]";
    }
}
