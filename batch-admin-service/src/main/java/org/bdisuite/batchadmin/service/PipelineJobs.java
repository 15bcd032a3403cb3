package org.bdisuite.batchadmin.service;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The BDI pipeline's job names: {@code <Module>_ExtractorJob}, {@code <Module>_DownloaderAndTransporter...Job}
 * (the spec also writes {@code Diff_Fnd_DownloaderAndTransporterToRxmJob}) and {@code <Module>_ImporterJob}
 * (or {@code _UploaderJob}). The module is what comes before the suffix.
 */
public final class PipelineJobs {

    /** What a pipeline job does, and which data-control table its data sets are rows of. */
    public enum Kind {
        EXTRACTOR("DOWNLOADER"),
        TRANSPORTER("DOWNLOADER"),
        IMPORTER("UPLOADER");

        private final String dataControlKind;

        Kind(String dataControlKind) {
            this.dataControlKind = dataControlKind;
        }

        public String dataControlKind() {
            return dataControlKind;
        }
    }

    /** A job name read as a pipeline job. */
    public record PipelineJob(String jobName, String interfaceModule, Kind kind) {}

    private static final Pattern NAME = Pattern.compile(
            "([A-Za-z0-9_.-]{1,255})_(ExtractorJob|DownloaderAndTransporter[A-Za-z0-9]*Job|ImporterJob|UploaderJob)");

    /**
     * The exit status of a transporter or importer run that a FAILED data set blocks ({@code
     * BLOCKED_BY_DATA_SET_<id>}); its exit message says which set and why. Such a run is no success of its job.
     */
    public static final String BLOCKED_EXIT_PREFIX = "BLOCKED_BY_DATA_SET_";

    private PipelineJobs() {}

    /** The BDI guide's transaction id of a downloader-transporter: Tx#&lt;its job instance id&gt;. */
    public static String transporterTransactionId(long jobInstanceId) {
        return "Tx#" + jobInstanceId;
    }

    public static Optional<PipelineJob> parse(String jobName) {
        Matcher matcher = NAME.matcher(jobName);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String suffix = matcher.group(2);
        Kind kind = suffix.equals("ExtractorJob")
                ? Kind.EXTRACTOR
                : suffix.startsWith("DownloaderAndTransporter") ? Kind.TRANSPORTER : Kind.IMPORTER;
        return Optional.of(new PipelineJob(jobName, matcher.group(1), kind));
    }
}
