package org.bdisuite.batchadmin.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;

/** A row of bdi_credential: a user name and a sealed password (never the clear text). */
@Entity
@Table(name = "bdi_credential")
public class Credential {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true, length = 100)
    private String name;

    @Column(nullable = false)
    private String username;

    @Column(name = "sealed_password", nullable = false, length = 4000)
    private String sealedPassword;

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

    public String getUsername() {
        return username;
    }

    public String getSealedPassword() {
        return sealedPassword;
    }

    public String getDescription() {
        return description;
    }

    /** Replaces the user name, the sealed password and the description together. */
    public void change(String newUsername, String newSealedPassword, String newDescription) {
        this.username = newUsername;
        this.sealedPassword = newSealedPassword;
        this.description = newDescription;
        this.updatedAt = OffsetDateTime.now();
    }

    public OffsetDateTime getUpdatedAt() {
        return updatedAt;
    }

    /** Never the sealed value either: it has no business in a log line. */
    @Override
    public String toString() {
        return "Credential[" + name + ", user " + username + "]";
    }
}
