package org.bdisuite.exporter.api;

import java.time.OffsetDateTime;

/**
 * Stored SFTP details without their secrets.
 *
 * @param key                the sftpDetailsKey
 * @param host               host
 * @param port               port
 * @param username           login
 * @param authentication     PASSWORD or PRIVATE_KEY
 * @param hostKeyFingerprint the pinned host key
 * @param remoteDirectory    where files go
 * @param createdBy          who stored them
 * @param createdAt          when
 */
public record SftpDetailsVo(
        String key,
        String host,
        int port,
        String username,
        String authentication,
        String hostKeyFingerprint,
        String remoteDirectory,
        String createdBy,
        OffsetDateTime createdAt) {}
