package org.bdisuite.batchadmin.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;

/**
 * The job parameters of the pipeline jobs (extractor, downloader-transporter, importer) and what each may be. The
 * bounds keep a parameter from sizing a buffer or a pool beyond reason: itemCount is rows held per chunk or block,
 * fetchSize rows per cursor fetch, partitions one transmission each.
 */
@ApplicationScoped
public class PipelineJobParameters implements JobParameterRule.Source {

    static final long MAX_ROWS_PER_CHUNK = 100_000;
    static final long MAX_PARTITIONS = 1_000;

    private final Destinations destinations;

    public PipelineJobParameters(Destinations destinations) {
        this.destinations = destinations;
    }

    @Override
    public List<JobParameterRule> rules() {
        return List.of(
                JobParameterRule.wholeNumber("dataSetId", 1, Long.MAX_VALUE),
                JobParameterRule.wholeNumber("itemCount", 1, MAX_ROWS_PER_CHUNK),
                JobParameterRule.wholeNumber("fetchSize", 1, MAX_ROWS_PER_CHUNK),
                JobParameterRule.wholeNumber("partitions", 1, MAX_PARTITIONS),
                JobParameterRule.oneOf("dataSetType", Set.of("FULL", "PARTIAL")),
                JobParameterRule.name("sourceSystemName", 100),
                JobParameterRule.name(
                        "destination",
                        100,
                        destinations::exists,
                        "names no stored destination (an administrator stores one under /system-setting/destinations)"));
    }
}
