package org.bdisuite.exporter.datasource;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import org.bdisuite.exporter.service.ExporterClock;

/**
 * The Genesys services stream as the {@code services} data source, so that a schedule can export it. Its
 * parameters are the stream's filters; without times a run exports the day before it (time_to = the run's time).
 */
@ApplicationScoped
public class ServicesDataSource implements ExportDataSource {

    public static final String NAME = "services";

    private final ExporterClock clock;

    public ServicesDataSource(ExporterClock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Customer services (the Genesys services stream): one row per service with its state and content;"
                + " parameters time_from, time_to (default: the day before the run), filter_events"
                + " (any, started, completed), filter_state (any, active, inactive)";
    }

    @Override
    public List<String> headerRow() {
        return ServiceColumns.HEADER_ROW;
    }

    @Override
    public List<String> parameterNames() {
        return ServiceSelection.PARAMETERS;
    }

    @Override
    public void checkParameters(Map<String, String> parameters) {
        ServiceSelection.parse(parameters, clock.now());
    }

    @Override
    public SqlQuery query(Map<String, String> parameters) {
        return ServiceSelection.parse(parameters, clock.now()).query(ServiceColumns.SELECT_LIST, null, null);
    }
}
