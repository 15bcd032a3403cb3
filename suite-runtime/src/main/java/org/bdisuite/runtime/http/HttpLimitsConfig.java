package org.bdisuite.runtime.http;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** What one HTTP request may cost a service, the same for every service (prefix suite.http, env SUITE_HTTP_...). */
@ConfigMapping(prefix = "suite.http")
public interface HttpLimitsConfig {

    /**
     * The largest body an endpoint that reads it whole (a JSON object, a String) accepts; a larger one is a 413 and
     * changes nothing. Endpoints that read their body as a stream count it against their own limit.
     */
    @WithDefault("256K")
    MemorySize maxJsonBodySize();

    /**
     * How long a streamed response may wait for the client to accept more bytes. A client that stops reading is
     * cut off after this (its connection closed), which ends the work behind the stream and frees its database
     * connection.
     */
    @WithDefault("PT60S")
    Duration streamWriteIdleTimeout();
}
