package org.bdisuite.exporter.datasource.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

@ApplicationScoped
public class SqlDataSourceRepository implements PanacheRepository<SqlDataSourceDefinition> {

    public Optional<SqlDataSourceDefinition> findByName(String name) {
        return find("name", name).firstResultOptional();
    }
}
