package org.bdisuite.exporter.delivery;

import java.util.List;
import org.bdisuite.exporter.api.ExportOperation;
import org.bdisuite.exporter.generator.GeneratedFile;

/** An exporter (the GOSS Data Exporter's operation): delivers a run's files somewhere. */
public interface Delivery {

    ExportOperation operation();

    /**
     * Delivers the files; returns a short description of what was done (stored with the delivery record).
     * Throws {@link DeliveryException} when the files could not be delivered.
     */
    String deliver(DeliveryRun run, long rows, List<GeneratedFile> files);
}
