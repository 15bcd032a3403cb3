package org.bdisuite.exporter.datasource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.bdisuite.exporter.datasource.persistence.SqlDataSourceRepository;
import org.bdisuite.runtime.error.ResourceNotFoundException;

/** The dataSources namespace: the built-in data sources (CDI beans) and the SQL ones a bdi-admin registered. */
@ApplicationScoped
public class DataSources {

    private final List<ExportDataSource> builtIn;
    private final SqlDataSourceRepository registered;

    public DataSources(Instance<ExportDataSource> builtIn, SqlDataSourceRepository registered) {
        this.registered = registered;
        List<ExportDataSource> sources = new ArrayList<>();
        builtIn.forEach(sources::add);
        sources.sort(Comparator.comparing(ExportDataSource::name));
        this.builtIn = List.copyOf(sources);
    }

    /** Built-in first, then the registered ones (read each time: another replica may have added one). */
    @Transactional
    public List<ExportDataSource> all() {
        List<ExportDataSource> all = new ArrayList<>(builtIn);
        registered.allByName().stream().map(SqlDataSource::new).forEach(all::add);
        return all;
    }

    public boolean isBuiltIn(String name) {
        return builtIn.stream().anyMatch(source -> source.name().equals(name));
    }

    public List<String> names() {
        return all().stream().map(ExportDataSource::name).toList();
    }

    /**
     * The built-in or registered data source of that name: one row read by name, not every registered one (an
     * export run looks its data source up, docs/BENCHMARKS.md, "The run's ledger path as plain statements").
     */
    public Optional<ExportDataSource> find(String name) {
        Optional<ExportDataSource> builtInSource =
                builtIn.stream().filter(source -> source.name().equals(name)).findFirst();
        return builtInSource.isPresent()
                ? builtInSource
                : registered.findByName(name).map(SqlDataSource::new);
    }

    public ExportDataSource get(String name) {
        return find(name)
                .orElseThrow(() -> new ResourceNotFoundException(
                        "No data source " + name + " in the " + ExportDataSource.NAMESPACE + " namespace"));
    }
}
