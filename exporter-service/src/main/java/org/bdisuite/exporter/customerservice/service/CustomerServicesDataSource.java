package org.bdisuite.exporter.customerservice.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import org.bdisuite.exporter.common.ExporterClock;
import org.bdisuite.exporter.customerservice.api.CustomerServiceSelection;
import org.bdisuite.exporter.customerservice.persistence.CustomerServiceStore;
import org.bdisuite.exporter.datasource.ExportDataSource;

/**
 * The Genesys services stream as the {@code services} data source, so that a schedule can export it. Its
 * parameters are the stream's filters; without times a run exports the day before it (time_to = the run's time).
 */
@ApplicationScoped
public class CustomerServicesDataSource implements ExportDataSource {

    public static final String NAME = "services";

    private final ExporterClock clock;

    public CustomerServicesDataSource(ExporterClock clock) {
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
        return CustomerServiceStore.HEADER_ROW;
    }

    @Override
    public List<String> parameterNames() {
        return CustomerServiceSelection.PARAMETERS;
    }

    @Override
    public void checkParameters(Map<String, String> parameters) {
        CustomerServiceSelection.parse(parameters, clock.now());
    }

    @Override
    public SqlQuery query(Map<String, String> parameters) {
        return CustomerServiceStore.selectQuery(CustomerServiceSelection.parse(parameters, clock.now()));
    }
}
