package org.bdisuite.exporter.customerservice.api;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bdisuite.runtime.error.InvalidRequestException;

/**
 * Which services an export selects (the Genesys export's filter table, docs/ARCHITECTURE.md): services with an event of {@code events} in
 * [from, to], both ends included, in {@code state} at the time of the query, whatever the range. Always ordered by
 * id, so that a stream resumed with {@code after=<last id>} has no gap and no duplicate (the SELECT itself is
 * CustomerServiceStore's).
 */
public record CustomerServiceSelection(
        OffsetDateTime from, OffsetDateTime to, ServiceEventFilter events, ServiceStateFilter state) {

    public static final String TIME_FROM = "time_from";
    public static final String TIME_TO = "time_to";
    public static final String FILTER_EVENTS = "filter_events";
    public static final String FILTER_STATE = "filter_state";
    public static final List<String> PARAMETERS = List.of(TIME_FROM, TIME_TO, FILTER_EVENTS, FILTER_STATE);

    /** The range of a scheduled export without times: the day before the run. */
    public static final Duration DEFAULT_RANGE = Duration.ofDays(1);

    /** The selection of an export request: both times are required. */
    public static CustomerServiceSelection parse(Map<String, String> parameters) {
        return parse(parameters, null);
    }

    /**
     * The selection these parameters give, or a 400 that names the parameter and its allowed values. With
     * {@code now} set (scheduled exports), a missing time_to is now and a missing time_from one day before time_to.
     */
    public static CustomerServiceSelection parse(Map<String, String> parameters, OffsetDateTime now) {
        Map<String, String> values = parameters == null ? Map.of() : parameters;
        OffsetDateTime to = now == null
                ? EventTimes.parse(TIME_TO, values.get(TIME_TO))
                : EventTimes.parseOr(TIME_TO, values.get(TIME_TO), now);
        OffsetDateTime from = now == null
                ? EventTimes.parse(TIME_FROM, values.get(TIME_FROM))
                : EventTimes.parseOr(TIME_FROM, values.get(TIME_FROM), to.minus(DEFAULT_RANGE));
        if (from.isAfter(to)) {
            throw InvalidRequestException.forField(
                    TIME_FROM,
                    from + " is after " + TIME_TO + " " + to + "; allowed: " + TIME_FROM + " at or before " + TIME_TO);
        }
        ServiceEventFilter events =
                enumValue(FILTER_EVENTS, values.get(FILTER_EVENTS), ServiceEventFilter.class, ServiceEventFilter.any);
        ServiceStateFilter state =
                enumValue(FILTER_STATE, values.get(FILTER_STATE), ServiceStateFilter.class, ServiceStateFilter.any);
        if (events == ServiceEventFilter.completed && state == ServiceStateFilter.active) {
            throw InvalidRequestException.forField(
                    FILTER_STATE,
                    "active cannot be combined with " + FILTER_EVENTS
                            + "=completed: a service with an end event in the range is completed, so no service can match;"
                            + " allowed with completed: any, inactive");
        }
        return new CustomerServiceSelection(from, to, events, state);
    }

    private static <E extends Enum<E>> E enumValue(String field, String value, Class<E> type, E otherwise) {
        if (value == null || value.isEmpty()) {
            return otherwise;
        }
        List<String> allowed =
                Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
        if (!allowed.contains(value)) {
            throw InvalidRequestException.forField(
                    field, "unknown value '" + value + "'; allowed: " + String.join(", ", allowed));
        }
        return Enum.valueOf(type, value);
    }

    /** The parameters that give this selection again (stored with a file job, as a schedule's parameters). */
    public Map<String, String> parameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put(TIME_FROM, from.toString());
        parameters.put(TIME_TO, to.toString());
        parameters.put(FILTER_EVENTS, events.name());
        parameters.put(FILTER_STATE, state.name());
        return parameters;
    }
}
