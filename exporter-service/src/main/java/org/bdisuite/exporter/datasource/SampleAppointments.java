package org.bdisuite.exporter.datasource;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/** The GOSS Data Exporter's Registrars appointments, over the demo table exporter_demo_appointment. */
@ApplicationScoped
public class SampleAppointments extends TableDataSource {

    public SampleAppointments() {
        super(
                "sampleAppointments",
                "Registrars appointments (demo data): the GOSS Data Exporter's appointment fields",
                List.of(
                        "instancestatus",
                        "enddatetime",
                        "locationbookableid",
                        "name",
                        "bookableid",
                        "appointment",
                        "ticketstatus",
                        "type",
                        "instancebk",
                        "startdatetime",
                        "assignedTo",
                        "status"),
                "SELECT instancestatus, enddatetime, locationbookableid, name, bookableid, appointment, ticketstatus,"
                        + " type, instancebk, startdatetime, assigned_to AS \"assignedTo\", status"
                        + " FROM exporter_demo_appointment",
                Map.of("status", "status"),
                "id");
    }
}
