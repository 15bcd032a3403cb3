package org.bdisuite.exporter.api;

import java.util.List;
import java.util.Map;

/**
 * The values used throughout the exporter (the GOSS Data Exporter's goss.DataExporter.helpers.constants).
 *
 * @param operations  the exporters, by name, with a description
 * @param fileTypes   the file generators, by name, with a description and file extension
 * @param dateFormats the date formats, by key, with their pattern
 * @param frequencies the options of the scheduling form's frequency
 */
public record ConstantsVo(
        Map<String, Map<String, String>> operations,
        Map<String, Map<String, String>> fileTypes,
        Map<String, String> dateFormats,
        List<FrequencyOption> frequencies) {

    /**
     * One frequency option.
     *
     * @param type   the value of frequency.type
     * @param label  for the form
     * @param fields the other frequency fields this option needs, with their allowed values
     */
    public record FrequencyOption(String type, String label, Map<String, Object> fields) {}
}
