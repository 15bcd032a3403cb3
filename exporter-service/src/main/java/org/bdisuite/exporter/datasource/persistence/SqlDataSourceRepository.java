package org.bdisuite.exporter.datasource.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class SqlDataSourceRepository implements PanacheRepository<SqlDataSourceDefinition> {

    public Optional<SqlDataSourceDefinition> findByName(String name) {
        return find("name", name).firstResultOptional();
    }

    /** All of them, ordered by name. */
    public List<SqlDataSourceDefinition> allByName() {
        return listAll(Sort.ascending("name"));
    }
}
