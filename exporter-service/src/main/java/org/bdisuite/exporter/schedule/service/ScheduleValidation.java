package org.bdisuite.exporter.schedule.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.bdisuite.exporter.api.ExportOperation;
import org.bdisuite.exporter.api.FileType;
import org.bdisuite.exporter.api.Frequency;
import org.bdisuite.exporter.api.FrequencyType;
import org.bdisuite.exporter.api.Recipient;
import org.bdisuite.exporter.api.ScheduleConfiguration;
import org.bdisuite.exporter.api.ScheduleRequest;
import org.bdisuite.exporter.api.ScheduleRequest.FrequencyRequest;
import org.bdisuite.exporter.common.ExporterConstants;
import org.bdisuite.exporter.config.ExporterConfig;
import org.bdisuite.exporter.datasource.DataSources;
import org.bdisuite.exporter.datasource.ExportDataSource;
import org.bdisuite.exporter.delivery.persistence.SftpDetailsRepository;
import org.bdisuite.model.api.ErrorBody.Violation;
import org.bdisuite.runtime.error.InvalidRequestException;

/**
 * Turns a schedule request into a configuration, or refuses it with every violation at once (400). Unknown values
 * are answered with the allowed ones. Values that become mail headers (the description is the subject, recipients
 * the To header) may not hold CR or LF, which would let a schedule inject headers into its mails.
 */
@ApplicationScoped
public class ScheduleValidation {

    private static final Pattern MAIL_ADDRESS = Pattern.compile("[^@\\s<>,;\"]+@[^@\\s<>,;\"]+\\.[^@\\s<>,;\"]+");
    private static final int MAX_TEXT = 500;

    private final DataSources dataSources;
    private final SftpDetailsRepository sftpDetails;
    private final ExporterConfig config;

    private final org.bdisuite.exporter.delivery.ReceiverDelivery receiver;

    public ScheduleValidation(
            DataSources dataSources,
            SftpDetailsRepository sftpDetails,
            ExporterConfig config,
            org.bdisuite.exporter.delivery.ReceiverDelivery receiver) {
        this.receiver = receiver;
        this.dataSources = dataSources;
        this.sftpDetails = sftpDetails;
        this.config = config;
    }

    public ScheduleConfiguration validate(ScheduleRequest request) {
        if (request == null) {
            throw InvalidRequestException.forField("body", "a schedule is required");
        }
        List<Violation> violations = new ArrayList<>();
        String description = text(violations, "description", request.description(), true);
        ExportDataSource dataSource = dataSource(violations, request.dataSource());
        FileType fileType = fileType(violations, request.fileType(), dataSource);
        List<ExportOperation> operations = operations(violations, request.operations());
        List<Recipient> recipients =
                recipients(violations, request.recipients(), operations.contains(ExportOperation.EMAIL));
        String sftpDetailsKey =
                sftpDetailsKey(violations, request.sftpDetailsKey(), operations.contains(ExportOperation.SFTP));
        if (operations.contains(ExportOperation.RECEIVER) && !receiver.configured()) {
            violations.add(new Violation(
                    "operations",
                    "RECEIVER needs a receiver configured on this service" + " (suite.exporter.receiver.url)"));
        }
        Frequency frequency = frequency(violations, request.frequency());
        String dateFormat = dateFormat(violations, request.dateFormat());
        String timezone = timezone(violations, request.timezone());
        Map<String, String> parameters = parameters(violations, request.parameters(), dataSource);
        if (!violations.isEmpty()) {
            String message = violations.size() == 1
                    ? violations.get(0).field() + ": " + violations.get(0).message()
                    : "The schedule is invalid: "
                            + violations.stream()
                                    .map(v -> v.field() + ": " + v.message())
                                    .collect(Collectors.joining("; "));
            throw new InvalidRequestException("invalid-schedule", message, violations);
        }
        return new ScheduleConfiguration(
                description,
                dataSource.name(),
                fileType,
                operations,
                recipients,
                sftpDetailsKey,
                frequency,
                dateFormat,
                timezone,
                parameters,
                Boolean.TRUE.equals(request.split()));
    }

    private static String text(List<Violation> violations, String field, String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                violations.add(new Violation(field, "is required"));
            }
            return value == null ? "" : value;
        }
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            violations.add(new Violation(field, "may not contain CR or LF (it becomes a mail header)"));
        } else if (value.chars().anyMatch(Character::isISOControl)) {
            violations.add(new Violation(field, "may not contain control characters"));
        } else if (value.length() > MAX_TEXT) {
            violations.add(new Violation(field, "is longer than " + MAX_TEXT + " characters"));
        }
        return value;
    }

    private ExportDataSource dataSource(List<Violation> violations, String name) {
        if (name == null || name.isBlank()) {
            violations.add(new Violation("dataSource", "is required; allowed: " + dataSources.names()));
            return null;
        }
        return dataSources.find(name).orElseGet(() -> {
            violations.add(
                    new Violation("dataSource", "unknown data source '" + name + "'; allowed: " + dataSources.names()));
            return null;
        });
    }

    private static FileType fileType(List<Violation> violations, String value, ExportDataSource dataSource) {
        List<String> allowed = Arrays.stream(FileType.values()).map(Enum::name).toList();
        if (value == null || !allowed.contains(value)) {
            violations.add(new Violation(
                    "fileType",
                    (value == null ? "is required" : "unknown file type '" + value + "'") + "; allowed: " + allowed));
            return null;
        }
        FileType type = FileType.valueOf(value);
        if (dataSource != null && !dataSource.fileTypes().contains(type)) {
            violations.add(new Violation(
                    "fileType",
                    "data source " + dataSource.name() + " does not produce " + value + "; allowed: "
                            + dataSource.fileTypes()));
        }
        return type;
    }

    private static List<ExportOperation> operations(List<Violation> violations, List<String> values) {
        List<String> allowed =
                Arrays.stream(ExportOperation.values()).map(Enum::name).toList();
        if (values == null || values.isEmpty()) {
            violations.add(new Violation("operations", "at least one operation is required; allowed: " + allowed));
            return List.of();
        }
        Set<ExportOperation> operations = new LinkedHashSet<>();
        for (String value : values) {
            if (value == null || !allowed.contains(value)) {
                violations.add(new Violation("operations", "unknown operation '" + value + "'; allowed: " + allowed));
            } else if (!operations.add(ExportOperation.valueOf(value))) {
                violations.add(new Violation("operations", "operation " + value + " is given twice"));
            }
        }
        return List.copyOf(operations);
    }

    private static List<Recipient> recipients(List<Violation> violations, List<Recipient> values, boolean email) {
        if (values == null || values.isEmpty()) {
            if (email) {
                violations.add(new Violation("recipients", "EMAIL needs at least one recipient"));
            }
            return List.of();
        }
        List<Recipient> recipients = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            Recipient recipient = values.get(i);
            String field = "recipients[" + i + "]";
            if (recipient == null) {
                violations.add(new Violation(field, "is null"));
                continue;
            }
            int before = violations.size();
            String address = text(violations, field + ".address", recipient.address(), true);
            String name = text(violations, field + ".name", recipient.name(), false);
            if (violations.size() == before && !MAIL_ADDRESS.matcher(address).matches()) {
                violations.add(new Violation(field + ".address", "'" + address + "' is not a mail address"));
            }
            recipients.add(new Recipient(address, name));
        }
        return recipients;
    }

    private String sftpDetailsKey(List<Violation> violations, String key, boolean sftp) {
        if (key == null || key.isBlank()) {
            if (sftp) {
                violations.add(new Violation("sftpDetailsKey", "SFTP needs the key of stored SFTP details"));
            }
            return null;
        }
        if (!sftpDetails.exists(key)) {
            violations.add(new Violation(
                    "sftpDetailsKey", "no stored SFTP details '" + key + "' (POST /exporter/sftp-details first)"));
        }
        return key;
    }

    private static Frequency frequency(List<Violation> violations, FrequencyRequest request) {
        List<String> allowed =
                Arrays.stream(FrequencyType.values()).map(FrequencyType::value).toList();
        if (request == null || request.type() == null) {
            violations.add(new Violation("frequency.type", "is required; allowed: " + allowed));
            return null;
        }
        FrequencyType type = FrequencyType.fromValue(request.type());
        if (type == null) {
            violations.add(
                    new Violation("frequency.type", "unknown frequency '" + request.type() + "'; allowed: " + allowed));
            return null;
        }
        return switch (type) {
            case DAILY -> Frequency.daily();
            case WEEKLY -> {
                List<String> days =
                        Arrays.stream(DayOfWeek.values()).map(Enum::name).toList();
                if (request.dayOfWeek() == null || !days.contains(request.dayOfWeek())) {
                    violations.add(new Violation("frequency.dayOfWeek", "weekly needs a day; allowed: " + days));
                    yield null;
                }
                yield new Frequency(type, DayOfWeek.valueOf(request.dayOfWeek()), null);
            }
            case MONTHLY -> {
                Integer day = request.dayOfMonth();
                if (day == null || day < 1 || day > 31) {
                    violations.add(new Violation(
                            "frequency.dayOfMonth",
                            "monthly needs a day of the month; allowed: "
                                    + "1..31 (a day past a month's end runs on its last day)"));
                    yield null;
                }
                yield new Frequency(type, null, day);
            }
        };
    }

    private static String dateFormat(List<Violation> violations, String value) {
        if (value == null || value.isBlank()) {
            return ExporterConstants.DEFAULT_DATE_FORMAT;
        }
        if (!ExporterConstants.DATE_FORMATS.containsKey(value)) {
            violations.add(new Violation(
                    "dateFormat",
                    "unknown date format '" + value + "'; allowed: " + ExporterConstants.DATE_FORMATS.keySet()));
        }
        return value;
    }

    private String timezone(List<Violation> violations, String value) {
        if (value == null || value.isBlank()) {
            return config.defaultTimezone();
        }
        // Region ids only (IANA names), not fixed offsets: a schedule's days follow the region's daylight saving.
        if (!ZoneId.getAvailableZoneIds().contains(value)) {
            violations.add(new Violation(
                    "timezone",
                    "unknown timezone '" + value + "'; allowed: an IANA timezone"
                            + " name, for example UTC, Europe/London, America/New_York, Asia/Tokyo"));
        }
        return value;
    }

    private static Map<String, String> parameters(
            List<Violation> violations, Map<String, String> values, ExportDataSource dataSource) {
        if (values == null || values.isEmpty()) {
            return Map.of();
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        int before = violations.size();
        for (Map.Entry<String, String> parameter : values.entrySet()) {
            String field = "parameters." + parameter.getKey();
            if (dataSource != null && !dataSource.parameterNames().contains(parameter.getKey())) {
                violations.add(new Violation(
                        field,
                        "unknown parameter of " + dataSource.name() + "; allowed: " + dataSource.parameterNames()));
                continue;
            }
            parameters.put(parameter.getKey(), text(violations, field, parameter.getValue(), true));
        }
        if (dataSource != null && violations.size() == before) {
            try {
                dataSource.checkParameters(parameters);
            } catch (InvalidRequestException e) {
                e.violations().forEach(v -> violations.add(new Violation("parameters." + v.field(), v.message())));
            }
        }
        return parameters;
    }
}
