package org.bdisuite.exporter.customerservice.api;

/** filter_events: which events in [time_from, time_to] select a service. */
public enum ServiceEventFilter {
    /** a start or an end event in the range */
    any,
    /** a start event in the range */
    started,
    /** an end event in the range */
    completed
}
