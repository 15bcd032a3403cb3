package org.bdisuite.batchadmin.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;

/**
 * A row of bdi_destination: a receiver's URL, the user name and sealed password the suite signs in there with, and
 * the certificates pinned for it (PEM, or none for the JVM's default trust store). Never the clear password.
 */
@Entity
@Table(name = "bdi_destination")
public class Destination {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true, length = 100)
    private String name;

    @Column(nullable = false, length = 2000)
    private String url;

    @Column(nullable = false)
    private String username;

    @Column(name = "sealed_password", nullable = false, length = 4000)
    private String sealedPassword;

    @Column(name = "trusted_certificates", columnDefinition = "text")
    private String trustedCertificates;

    @Column(length = 1000)
    private String description;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt = OffsetDateTime.now();

    @Version
    private long version;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getUrl() {
        return url;
    }

    public String getUsername() {
        return username;
    }

    public String getSealedPassword() {
        return sealedPassword;
    }

    public String getTrustedCertificates() {
        return trustedCertificates;
    }

    public String getDescription() {
        return description;
    }

    public OffsetDateTime getUpdatedAt() {
        return updatedAt;
    }

    /** Replaces everything but the name together: a destination is one record, changed as a whole. */
    public void change(
            String newUrl,
            String newUsername,
            String newSealedPassword,
            String newTrustedCertificates,
            String newDescription) {
        this.url = newUrl;
        this.username = newUsername;
        this.sealedPassword = newSealedPassword;
        this.trustedCertificates = newTrustedCertificates;
        this.description = newDescription;
        this.updatedAt = OffsetDateTime.now();
    }

    /** Never the sealed value either: it has no business in a log line. */
    @Override
    public String toString() {
        return "Destination[" + name + ", " + url + ", user " + username + "]";
    }
}
