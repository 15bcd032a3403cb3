package org.bdisuite.model;

import java.util.List;

/**
 * The suite's roles (docs/ARCHITECTURE.md, fixed contracts). Constants rather than an enum because
 * {@code @RolesAllowed} needs compile-time constant strings.
 */
public final class Roles {

    /** Everything: settings, credentials, users, and all that the other roles may do. */
    public static final String ADMIN = "bdi-admin";
    /** Start, stop and restart jobs; send data to the receiver. */
    public static final String OPERATOR = "bdi-operator";
    /** Read only. */
    public static final String MONITOR = "bdi-monitor";
    /** Create, edit, cancel and run export schedules (the GOSS DATAEXPORTER group). */
    public static final String DATA_EXPORTER = "DATAEXPORTER";

    /** Every role; the suite_role table is seeded with exactly these. */
    public static final List<String> ALL = List.of(ADMIN, OPERATOR, MONITOR, DATA_EXPORTER);

    private Roles() {}
}
