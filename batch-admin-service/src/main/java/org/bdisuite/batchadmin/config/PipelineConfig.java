package org.bdisuite.batchadmin.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the pipeline jobs; where a job parameter is named, it overrides the default for one job. */
@ConfigMapping(prefix = "suite.pipeline")
public interface PipelineConfig {

    /**
     * The stored destination (System Setting Service, /system-setting/destinations/{name}: receiver URL, credential,
     * pinned certificates) the transporter sends to when its job names none
     * (suite.pipeline.receiver-destination; job parameter destination).
     */
    @WithDefault("receiver")
    String receiverDestination();

    /** This suite's name as a source system to the receiver (suite.pipeline.source-system-name; job parameter sourceSystemName). */
    @WithDefault("BDI")
    String sourceSystemName();

    /** How long one receiver request may take (suite.pipeline.receiver-timeout). */
    @WithDefault("5m")
    Duration receiverTimeout();

    /** How often a receiver call is tried on a connection failure or 502 / 503 / 504 (suite.pipeline.receiver-attempts). */
    @WithDefault("3")
    int receiverAttempts();
}
