package org.bdisuite.batchadmin.api;

import com.fasterxml.jackson.annotation.JsonRootName;
import java.time.OffsetDateTime;

/**
 * A stored destination as the API shows it: never the password, only that one is set. The pinned certificates are
 * public material and shown as stored (null: the JVM's default trust store).
 */
@JsonRootName("destinationVo")
public record DestinationVo(
        String name,
        String url,
        String username,
        boolean passwordSet,
        String trustedCertificates,
        String description,
        OffsetDateTime updatedAt) {}
