package org.bdisuite.model.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;

/** One interface of an interface module (for example Diff of Diff_Fnd): one outbound / inbound table pair. */
@Entity
@Table(name = "bdi_interface")
public class BdiInterface {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "interface_module_id", nullable = false)
    private InterfaceModule module;

    @Column(name = "short_name", nullable = false)
    private String shortName;

    @Column(length = 1000)
    private String description;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt = OffsetDateTime.now();

    @Version
    private long version;

    protected BdiInterface() {
        // for JPA
    }

    BdiInterface(InterfaceModule module, String shortName, String description) {
        this.module = module;
        this.shortName = shortName;
        this.description = description;
    }

    public Long getId() {
        return id;
    }

    public InterfaceModule getModule() {
        return module;
    }

    public String getShortName() {
        return shortName;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public OffsetDateTime getCreatedAt() {
        return createdAt;
    }

    public long getVersion() {
        return version;
    }
}
