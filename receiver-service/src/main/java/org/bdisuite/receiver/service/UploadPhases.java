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
        /**
         * From the request's arrival (its headers parsed) until authentication and the path's access rules let it
         * through: the Basic check with its user-row read.
         */
        AUTHENTICATION,
        /** From there until the upload's method runs: the hand-over to a worker thread, the REST layer's routing. */
        DISPATCH,
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
        COMMIT,
        /** From the commit until the answer is written: the JSON body, the hand-back to the event loop, the write. */
        RESPONSE
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

    /**
     * A clock for one upload whose request arrived at {@code arrived} and was let through by authentication at
     * {@code authenticated} ({@link System#nanoTime()}); records those two phases and goes on from now.
     */
    public Lap start(long arrived, long authenticated) {
        Lap lap = new Lap(arrived);
        lap.endAt(Phase.AUTHENTICATION, authenticated);
        lap.end(Phase.DISPATCH);
        return lap;
    }

    /** One upload's clock: each {@link #end} records the time since the previous one. */
    public final class Lap {
        /** Volatile: the last phase ({@link Phase#RESPONSE}) ends on the event loop, not the upload's worker. */
        private volatile long since;

        private Lap(long since) {
            this.since = since;
        }

        public void end(Phase phase) {
            endAt(phase, System.nanoTime());
        }

        private void endAt(Phase phase, long now) {
            timers.get(phase).record(Math.max(0, now - since), TimeUnit.NANOSECONDS);
            since = now;
        }
    }
}
