package org.bdisuite.exporter.common;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.DayOfWeek;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bdisuite.exporter.api.ConstantsVo;
import org.bdisuite.exporter.api.ConstantsVo.FrequencyOption;
import org.bdisuite.exporter.api.ExportOperation;
import org.bdisuite.exporter.api.FileType;
import org.bdisuite.exporter.api.FrequencyType;

/** The GOSS Data Exporter's constants End Point: operations, file types, date formats and frequency options. */
@ApplicationScoped
public class ExporterConstants {

    /** The date format of a schedule that names none. */
    public static final String DEFAULT_DATE_FORMAT = "ISO_DATE";

    /** Date formats by key; their patterns format the file name's timestamp and date values. */
    public static final Map<String, String> DATE_FORMATS = dateFormats();

    private static Map<String, String> dateFormats() {
        Map<String, String> formats = new LinkedHashMap<>();
        formats.put("ISO_DATE", "yyyy-MM-dd");
        formats.put("UK", "dd/MM/yyyy");
        formats.put("US", "MM/dd/yyyy");
        formats.put("COMPACT", "yyyyMMdd");
        return java.util.Collections.unmodifiableMap(formats);
    }

    public ConstantsVo constants() {
        Map<String, Map<String, String>> operations = new LinkedHashMap<>();
        for (ExportOperation operation : ExportOperation.values()) {
            operations.put(operation.name(), Map.of("name", operation.name(), "description", operation.description()));
        }
        Map<String, Map<String, String>> fileTypes = new LinkedHashMap<>();
        for (FileType type : FileType.values()) {
            fileTypes.put(
                    type.name(),
                    Map.of("name", type.name(), "description", type.description(), "extension", type.extension()));
        }
        List<String> days =
                Arrays.stream(DayOfWeek.values()).map(DayOfWeek::name).toList();
        List<FrequencyOption> frequencies = List.of(
                new FrequencyOption(FrequencyType.DAILY.value(), "Daily", Map.of()),
                new FrequencyOption(FrequencyType.WEEKLY.value(), "Weekly on a day", Map.of("dayOfWeek", days)),
                new FrequencyOption(
                        FrequencyType.MONTHLY.value(),
                        "Monthly on a day (a day past the end of a month runs on its last day)",
                        Map.of("dayOfMonth", Map.of("min", 1, "max", 31))));
        return new ConstantsVo(operations, fileTypes, DATE_FORMATS, frequencies);
    }
}
