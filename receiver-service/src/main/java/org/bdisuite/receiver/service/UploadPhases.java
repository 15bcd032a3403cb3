package org.bdisuite.receiver.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Where a block upload's time goes, at /q/metrics as {@code bdi_receiver_upload_phase_seconds{phase=...}}: what an
 * operator (and bench/receiver.sh) reads to tell the disk's forces from the database's round trips and the body's
 * arrival. Each phase is the wall time from the end of the one before; a wait for a force counts only what was
 * left of it when the upload needed it (the rest overlapped other work).
 */
@ApplicationScoped
public class UploadPhases {

    /** The phases in the order an upload passes them. */
    public enum Phase {
        /** The transmission read before the body (one autocommit statement). */
        TARGET,
        /** The body received, hashed and written (not yet forced). */
        BODY,
        /**
         * The body's bytes reserved against the module's open-data quota (a short transaction of its own); also the
         * counting under the counter row's lock when a block is recorded without a reservation.
         */
        QUOTA,
        /** The block number's and the transmission's locks and the state under them. */
        LOCK,
        /** What was left to wait of the file's and its new folders' forces, then the rename. */
        FILE_FORCE,
        /** The block's row inserted and its quota reservation settled. */
        RECORD,
        /** What was left to wait of the rename's force. */
        FOLDER_FORCE,
        /** The commit (PostgreSQL's WAL flush). */
        COMMIT
    }

    private final Map<Phase, Timer> timers = new EnumMap<>(Phase.class);

    public UploadPhases(MeterRegistry registry) {
        for (Phase phase : Phase.values()) {
            timers.put(
                    phase,
                    Timer.builder("bdi.receiver.upload.phase")
                            .description("Wall time of one phase of a block upload")
                            .tag("phase", phase.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                            .register(registry));
        }
    }

    /** A clock for one upload, started now. */
    public Lap start() {
        return new Lap(System.nanoTime());
    }

    /** One upload's clock: each {@link #end} records the time since the previous one. */
    public final class Lap {
        private long since;

        private Lap(long since) {
            this.since = since;
        }

        public void end(Phase phase) {
            long now = System.nanoTime();
            timers.get(phase).record(now - since, TimeUnit.NANOSECONDS);
            since = now;
        }
    }
}
