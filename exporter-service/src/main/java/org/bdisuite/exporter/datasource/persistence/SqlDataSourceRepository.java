package org.bdisuite.exporter.datasource.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** exporter_sql_data_source: the SQL data sources a bdi-admin registered. */
@ApplicationScoped
public class SqlDataSourceRepository implements PanacheRepository<SqlDataSourceDefinition> {

    private static final TypeReference<List<String>> HEADER_ROW = new TypeReference<>() {};

    private final DataSource dataSource;
    private final ObjectMapper json;

    public SqlDataSourceRepository(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /**
     * The definition of that name, read by one plain SELECT (every export run looks its data source up: no ORM
     * session or transaction for it); the definition is a copy, not a managed entity (definitions never change).
     */
    public Optional<SqlDataSourceDefinition> findByName(String name) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT name, description, sql_text,"
                        + " header_row::text, created_by, created_at FROM exporter_sql_data_source WHERE name = ?")) {
            select.setString(1, name);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new SqlDataSourceDefinition(
                        row.getString(1),
                        row.getString(2),
                        row.getString(3),
                        json.readValue(row.getString(4), HEADER_ROW),
                        row.getString(5),
                        row.getObject(6, OffsetDateTime.class)));
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("Reading the SQL data source " + name + " failed", e);
        }
    }

    /** All of them, ordered by name. */
    public List<SqlDataSourceDefinition> allByName() {
        return listAll(Sort.ascending("name"));
    }
}
