package org.bdisuite.batchadmin.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

/**
 * A destination to store, as a whole: the receiver's root URL (http or https, a host, no user info, query or
 * fragment), the user and password the suite signs in there with (the password is sealed at once and never shown
 * again), and optionally the PEM certificates (the receiver's own or its CA) trusted for it instead of the JVM's
 * default trust store (https only).
 */
public record DestinationChange(
        @NotBlank @Size(max = 2000) String url,
        @NotBlank @Size(max = 255) String username,
        @NotEmpty @Size(max = 1024) String password,
        @Size(max = 65536) String trustedCertificates,
        @Size(max = 1000) String description) {

    /** Without the password, so that a logged or printed request never shows it. */
    @Override
    public String toString() {
        return "DestinationChange[url=" + url + ", username=" + username + ", password=***]";
    }
}
