package org.bdisuite.exporter.delivery.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;

/** A stored SFTP destination; its password or private key is sealed (SecretCipher), never stored in clear. */
@Entity
@Table(name = "exporter_sftp_details")
public class SftpDetails {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "details_key", nullable = false, updatable = false)
    private String detailsKey;

    @Column(nullable = false)
    private String host;

    @Column(nullable = false)
    private int port;

    @Column(nullable = false)
    private String username;

    @Column(name = "password_sealed")
    private String passwordSealed;

    @Column(name = "private_key_sealed")
    private String privateKeySealed;

    @Column(name = "host_key_fingerprint", nullable = false)
    private String hostKeyFingerprint;

    @Column(name = "remote_dir", nullable = false)
    private String remoteDir;

    @Column(name = "created_by", nullable = false, updatable = false)
    private String createdBy;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    @Version
    private long version;

    protected SftpDetails() {
        // for JPA
    }

    public SftpDetails(
            String detailsKey,
            String host,
            int port,
            String username,
            String passwordSealed,
            String privateKeySealed,
            String hostKeyFingerprint,
            String remoteDir,
            String createdBy,
            OffsetDateTime now) {
        this.detailsKey = detailsKey;
        this.host = host;
        this.port = port;
        this.username = username;
        this.passwordSealed = passwordSealed;
        this.privateKeySealed = privateKeySealed;
        this.hostKeyFingerprint = hostKeyFingerprint;
        this.remoteDir = remoteDir;
        this.createdBy = createdBy;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public String getDetailsKey() {
        return detailsKey;
    }

    public String getHost() {
        return host;
    }

    public int getPort() {
        return port;
    }

    public String getUsername() {
        return username;
    }

    public String getPasswordSealed() {
        return passwordSealed;
    }

    public String getPrivateKeySealed() {
        return privateKeySealed;
    }

    public String getHostKeyFingerprint() {
        return hostKeyFingerprint;
    }

    public String getRemoteDir() {
        return remoteDir;
    }

    public String getCreatedBy() {
        return createdBy;
    }

    public OffsetDateTime getCreatedAt() {
        return createdAt;
    }
}
