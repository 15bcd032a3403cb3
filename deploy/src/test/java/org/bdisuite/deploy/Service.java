package org.bdisuite.deploy;

/** The suite's three services with their fixed ports (docs/ARCHITECTURE.md, the services' application.properties). */
enum Service {
    RECEIVER("receiver-service", 8081, 8441),
    BATCH_ADMIN("batch-admin-service", 8082, 8442),
    EXPORTER("exporter-service", 8083, 8443);

    final String name;
    final int httpPort;
    final int sslPort;

    Service(String name, int httpPort, int sslPort) {
        this.name = name;
        this.httpPort = httpPort;
        this.sslPort = sslPort;
    }

    @Override
    public String toString() {
        return name;
    }
}
