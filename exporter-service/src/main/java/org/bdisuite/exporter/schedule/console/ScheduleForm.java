package org.bdisuite.exporter.schedule.console;

import jakarta.ws.rs.core.MultivaluedMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bdisuite.exporter.api.Recipient;
import org.bdisuite.exporter.api.ScheduleConfiguration;
import org.bdisuite.exporter.api.ScheduleRequest;

/**
 * The scheduling form's fields and how they become the API's {@link ScheduleRequest} (which the service validates
 * as it validates a JSON body), and back: a form filled in from a saved configuration for editing.
 * Recipients are one per line ("address" or "Name &lt;address&gt;"), parameters one "name=value" per line.
 */
public record ScheduleForm(
        String description,
        String dataSource,
        String fileType,
        List<String> operations,
        String recipients,
        String sftpDetailsKey,
        String frequencyType,
        String dayOfWeek,
        String dayOfMonth,
        String dateFormat,
        String timezone,
        String parameters,
        boolean split) {

    public static ScheduleForm empty() {
        return new ScheduleForm("", "", "CSV", List.of("EMAIL"), "", "", "daily", "", "", "", "UTC", "", false);
    }

    public static ScheduleForm of(MultivaluedMap<String, String> form) {
        return new ScheduleForm(
                text(form, "description"),
                text(form, "dataSource"),
                text(form, "fileType"),
                form.getOrDefault("operations", List.of()),
                text(form, "recipients"),
                text(form, "sftpDetailsKey"),
                text(form, "frequencyType"),
                text(form, "dayOfWeek"),
                text(form, "dayOfMonth"),
                text(form, "dateFormat"),
                text(form, "timezone"),
                text(form, "parameters"),
                "on".equals(form.getFirst("split")));
    }

    public static ScheduleForm of(ScheduleConfiguration saved) {
        StringBuilder recipients = new StringBuilder();
        if (saved.recipients() != null) {
            saved.recipients()
                    .forEach(recipient -> recipients
                            .append(
                                    recipient.name() == null || recipient.name().isBlank()
                                            ? recipient.address()
                                            : recipient.name() + " <" + recipient.address() + ">")
                            .append('\n'));
        }
        StringBuilder parameters = new StringBuilder();
        if (saved.parameters() != null) {
            saved.parameters()
                    .forEach((name, value) ->
                            parameters.append(name).append('=').append(value).append('\n'));
        }
        return new ScheduleForm(
                nullToEmpty(saved.description()),
                saved.dataSource(),
                saved.fileType().name(),
                saved.operations().stream().map(Enum::name).toList(),
                recipients.toString().strip(),
                nullToEmpty(saved.sftpDetailsKey()),
                saved.frequency().type().value(),
                saved.frequency().dayOfWeek() == null
                        ? ""
                        : saved.frequency().dayOfWeek().name(),
                saved.frequency().dayOfMonth() == null
                        ? ""
                        : saved.frequency().dayOfMonth().toString(),
                nullToEmpty(saved.dateFormat()),
                nullToEmpty(saved.timezone()),
                parameters.toString().strip(),
                saved.split());
    }

    public boolean hasOperation(String operation) {
        return operations.contains(operation);
    }

    public ScheduleRequest toRequest() {
        return new ScheduleRequest(
                blankToNull(description),
                blankToNull(dataSource),
                blankToNull(fileType),
                operations,
                recipientList(),
                blankToNull(sftpDetailsKey),
                new ScheduleRequest.FrequencyRequest(
                        blankToNull(frequencyType), blankToNull(dayOfWeek), dayOfMonthNumber()),
                blankToNull(dateFormat),
                blankToNull(timezone),
                parameterMap(),
                split);
    }

    private List<Recipient> recipientList() {
        List<Recipient> list = new ArrayList<>();
        for (String line : recipients.split("\\R")) {
            String entry = line.strip();
            if (entry.isEmpty()) {
                continue;
            }
            int open = entry.lastIndexOf('<');
            if (open > 0 && entry.endsWith(">")) {
                list.add(new Recipient(
                        entry.substring(open + 1, entry.length() - 1).strip(),
                        entry.substring(0, open).strip()));
            } else {
                list.add(new Recipient(entry, null));
            }
        }
        return list;
    }

    private Map<String, String> parameterMap() {
        Map<String, String> map = new LinkedHashMap<>();
        for (String line : parameters.split("\\R")) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                map.put(
                        line.substring(0, equals).strip(),
                        line.substring(equals + 1).strip());
            }
        }
        return map;
    }

    /** A day of month that is not a number is passed on as one out of range, so the service refuses it by name. */
    private Integer dayOfMonthNumber() {
        if (dayOfMonth.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(dayOfMonth.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String text(MultivaluedMap<String, String> form, String name) {
        String value = form.getFirst(name);
        return value == null ? "" : value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
