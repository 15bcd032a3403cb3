package org.bdisuite.exporter.datasource.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A data source a bdi-admin registered as one SELECT. */
@Entity
@Table(name = "exporter_sql_data_source")
public class SqlDataSourceDefinition {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, updatable = false)
    private String name;

    @Column(nullable = false, updatable = false)
    private String description;

    @Column(name = "sql_text", nullable = false, updatable = false)
    private String sql;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "header_row", nullable = false, updatable = false)
    private List<String> headerRow;

    @Column(name = "created_by", nullable = false, updatable = false)
    private String createdBy;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    protected SqlDataSourceDefinition() {
        // for JPA
    }

    public SqlDataSourceDefinition(
            String name,
            String description,
            String sql,
            List<String> headerRow,
            String createdBy,
            OffsetDateTime createdAt) {
        this.name = name;
        this.description = description;
        this.sql = sql;
        this.headerRow = List.copyOf(headerRow);
        this.createdBy = createdBy;
        this.createdAt = createdAt;
    }

    public String getName() {
        return name;
    }

    public String getDescription() {
        return description;
    }

    public String getSql() {
        return sql;
    }

    public List<String> getHeaderRow() {
        return headerRow;
    }
}
