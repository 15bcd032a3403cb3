package org.bdisuite.batchadmin.jobs;

import jakarta.batch.runtime.context.JobContext;
import org.bdisuite.batchadmin.service.PipelineJobs;

/** The interface module a running pipeline job works for, from its name (Diff_Fnd_ExtractorJob -> Diff_Fnd). */
final class JobModules {

    private JobModules() {}

    static String moduleOf(JobContext job) {
        return PipelineJobs.parse(job.getJobName())
                .map(PipelineJobs.PipelineJob::interfaceModule)
                .orElseThrow(() ->
                        new IllegalStateException("Job " + job.getJobName() + " is not named <Module>_<Kind>Job"));
    }
}
