package org.bdisuite.batchadmin.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bdisuite.batchadmin.api.JobExecutionVo;
import org.bdisuite.batchadmin.api.StepExecutionVo;
import org.bdisuite.batchadmin.persistence.ExecutionProgressStore;
import org.bdisuite.batchadmin.persistence.ExecutionProgressStore.ProgressRow;
import org.jboss.logging.Logger;

/**
 * Rows done of total for a running execution (docs/ARCHITECTURE.md, "Rows done of total"). The importer and the
 * downloader-transporter are batchlets, for which JBeret records no counts until they end: they take their total
 * once, when they start their data set (the hand-over's rows per file; the outbound set's staged rows), and report
 * the rows done through a {@link Reporter}, which writes at most once a second and never fails the job. A chunk step
 * (the extractor) has JBeret's own counts, checkpointed as it goes; its total is not known (the source query is not
 * counted again), so it shows its rows without a bar.
 */
@ApplicationScoped
public class ExecutionProgress {

    private static final Logger LOG = Logger.getLogger(ExecutionProgress.class);
    private static final long WRITE_EVERY_NANOS = 1_000_000_000L;

    /**
     * Rows done of {@code total} (null: unknown).
     *
     * @param done rows done so far
     */
    public record Progress(long done, Long total) {

        public boolean hasTotal() {
            return total != null;
        }

        /** Whole percent done (100 for an empty set), 0 when the total is unknown. */
        public int percent() {
            if (total == null) {
                return 0;
            }
            return total == 0 ? 100 : (int) Math.min(100, done * 100 / total);
        }
    }

    /** How a batchlet reports its rows: single-threaded, as a batchlet runs. */
    public final class Reporter {

        private final long executionId;
        private long done;
        private long lastWrite = System.nanoTime();
        private boolean broken;

        private Reporter(long executionId) {
            this.executionId = executionId;
        }

        /** {@code rows} more rows are done; written when a second has passed since the last write. */
        public void add(long rows) {
            done += rows;
            if (System.nanoTime() - lastWrite >= WRITE_EVERY_NANOS) {
                write();
            }
        }

        /** The exact number of rows done at the end of the data set. */
        public void finish(long rows) {
            done = rows;
            write();
        }

        private void write() {
            lastWrite = System.nanoTime();
            if (broken) {
                return;
            }
            try {
                store.done(executionId, done);
            } catch (RuntimeException e) {
                // Progress is for the console only: the job goes on without it.
                broken = true;
                LOG.warnf("Execution %d: its progress is not recorded (%s)", executionId, e.getMessage());
            }
        }
    }

    private final ExecutionProgressStore store;

    public ExecutionProgress(ExecutionProgressStore store) {
        this.store = store;
    }

    /** The execution starts its rows, {@code total} of them (null: unknown). */
    public Reporter begin(long executionId, Long total) {
        Reporter reporter = new Reporter(executionId);
        try {
            store.begin(executionId, total);
        } catch (RuntimeException e) {
            reporter.broken = true;
            LOG.warnf("Execution %d: its progress is not recorded (%s)", executionId, e.getMessage());
        }
        return reporter;
    }

    /**
     * The progress of each of these executions that has one, by execution id: its own report, else its chunk steps'
     * written rows (total unknown) when it has written any. Executions without steps in the view have only the
     * former.
     */
    public Map<Long, Progress> of(List<JobExecutionVo> executions) {
        Map<Long, ProgressRow> reported =
                store.of(executions.stream().map(JobExecutionVo::executionId).toList());
        Map<Long, Progress> progress = new HashMap<>();
        for (JobExecutionVo execution : executions) {
            ProgressRow row = reported.get(execution.executionId());
            if (row != null) {
                progress.put(execution.executionId(), new Progress(row.done(), row.total()));
            } else if (execution.stepExecutionVo() != null) {
                long written = execution.stepExecutionVo().stream()
                        .mapToLong(StepExecutionVo::writeCount)
                        .sum();
                if (written > 0) {
                    progress.put(execution.executionId(), new Progress(written, null));
                }
            }
        }
        return progress;
    }
}
