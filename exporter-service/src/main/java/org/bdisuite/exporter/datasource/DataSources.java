package org.bdisuite.exporter.datasource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.bdisuite.runtime.error.ResourceNotFoundException;

/** The dataSources namespace: the built-in data sources (CDI beans) and, later, the registered SQL ones. */
@ApplicationScoped
public class DataSources {

    private final List<ExportDataSource> builtIn;

    public DataSources(Instance<ExportDataSource> builtIn) {
        List<ExportDataSource> sources = new ArrayList<>();
        builtIn.forEach(sources::add);
        sources.sort(Comparator.comparing(ExportDataSource::name));
        this.builtIn = List.copyOf(sources);
    }

    public List<ExportDataSource> all() {
        return builtIn;
    }

    public List<String> names() {
        return all().stream().map(ExportDataSource::name).toList();
    }

    public Optional<ExportDataSource> find(String name) {
        return all().stream().filter(source -> source.name().equals(name)).findFirst();
    }

    public ExportDataSource get(String name) {
        return find(name).orElseThrow(() -> new ResourceNotFoundException("No data source " + name + " in the "
                + ExportDataSource.NAMESPACE + " namespace"));
    }
}
