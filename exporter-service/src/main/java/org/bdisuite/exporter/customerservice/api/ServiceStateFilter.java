package org.bdisuite.exporter.customerservice.api;

/** filter_state: the state at the time of the query, whatever the range. */
public enum ServiceStateFilter {
    any,
    /** not completed */
    active,
    /** completed */
    inactive
}
