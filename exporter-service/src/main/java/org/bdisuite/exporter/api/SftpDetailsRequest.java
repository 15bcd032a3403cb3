package org.bdisuite.exporter.api;

/**
 * The body of POST /exporter/sftp-details. Password and private key are write-only: sealed at rest, never returned.
 *
 * @param key                the name schedules give as sftpDetailsKey
 * @param host               SFTP server host
 * @param port               SFTP server port (default 22)
 * @param username           login
 * @param password           password (or give privateKey)
 * @param privateKey         an OpenSSH / PEM private key (or give password)
 * @param hostKeyFingerprint the server's host key fingerprint, e.g. SHA256:abc... (ssh-keygen -lf); any other key
 *                           is refused
 * @param remoteDirectory    where files are written
 */
public record SftpDetailsRequest(
        String key,
        String host,
        Integer port,
        String username,
        String password,
        String privateKey,
        String hostKeyFingerprint,
        String remoteDirectory) {}
