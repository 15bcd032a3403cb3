package org.bdisuite.exporter.datasource;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The receiver's transactions (bdi_receiver_transaction). */
@ApplicationScoped
public class ReceiverTransactions extends TableDataSource {

    public ReceiverTransactions() {
        super(
                "receiverTransactions",
                "Data sets received by the BDI receiver: one row per receiver transaction",
                List.of(
                        "transactionId",
                        "interfaceModule",
                        "sourceSystemName",
                        "dataSetType",
                        "status",
                        "beginTime",
                        "endTime",
                        "fileName"),
                "SELECT transaction_id AS \"transactionId\", interface_module AS \"interfaceModule\","
                        + " source_system_name AS \"sourceSystemName\", data_set_type AS \"dataSetType\","
                        + " receiver_transaction_status AS status, receiver_transaction_begin_time AS \"beginTime\","
                        + " receiver_transaction_end_time AS \"endTime\", file_name AS \"fileName\""
                        + " FROM bdi_receiver_transaction",
                filters(),
                "receiver_transaction_id");
    }

    private static Map<String, String> filters() {
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("interfaceModule", "interface_module");
        filters.put("status", "receiver_transaction_status");
        return filters;
    }
}
