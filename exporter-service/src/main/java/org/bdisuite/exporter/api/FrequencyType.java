package org.bdisuite.exporter.api;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How often a schedule is due. */
public enum FrequencyType {
    DAILY,
    WEEKLY,
    MONTHLY;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static FrequencyType fromValue(String value) {
        for (FrequencyType type : values()) {
            if (type.value().equals(value)) {
                return type;
            }
        }
        return null;
    }
}
