package org.bdisuite.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bdisuite.launcher.SuiteLauncher.LaunchException;

/**
 * Everything the launcher has started, so that one place stops it in the right order: the services first
 * (they still use the database while they shut down), then the other parts in the reverse order of their
 * start. Starting and stopping share one lock, so a Ctrl-C while PostgreSQL is still starting waits for it
 * and then stops it, instead of leaving it running.
 */
final class RunningSuite {

    private static final long SERVICE_STOP_GRACE_SECONDS = 20;
    private static final int LOG_TAIL_LINES = 30;

    private record Part(String name, AutoCloseable closeable) {}

    private final PrintStream out;
    private final List<ServiceProcess> services = new ArrayList<>();
    private final Deque<Part> parts = new ArrayDeque<>();
    private final AtomicBoolean failureReported = new AtomicBoolean();
    private volatile boolean stopping;

    RunningSuite(PrintStream out) {
        this.out = out;
    }

    /** Starts PostgreSQL, the SMTP sink or the SFTP server; {@code name} is how the stop reports it. */
    synchronized <T extends AutoCloseable> T start(String name, Callable<T> start) throws Exception {
        refuseWhenStopping();
        T started = start.call();
        parts.push(new Part(name, started));
        return started;
    }

    synchronized void start(ServiceProcess service, Map<String, String> environment)
            throws IOException, LaunchException {
        refuseWhenStopping();
        service.start(environment, this::onServiceExit);
        services.add(service);
    }

    private void refuseWhenStopping() throws LaunchException {
        if (stopping) {
            throw new LaunchException("stopped before the suite was up");
        }
    }

    /** Called whenever a service's JVM ends; only an end nobody asked for stops the suite. */
    private void onServiceExit(ServiceProcess service) {
        if (stopping) {
            return;
        }
        try {
            // Ctrl-C in a terminal reaches the children too, and they may end before our shutdown hook runs.
            TimeUnit.SECONDS.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!stopping) {
            fail(service.name() + " stopped unexpectedly (exit code " + service.exitValue() + ")", service);
        }
    }

    /** Reports why the suite cannot go on (with the service's log tail) and exits; the shutdown hook stops the rest. */
    void fail(String reason, ServiceProcess service) {
        if (!failureReported.compareAndSet(false, true)) {
            return;
        }
        out.println();
        out.println("ERROR: " + reason + ". Its log: " + service.logFile());
        List<String> tail = service.logTail(LOG_TAIL_LINES);
        if (!tail.isEmpty()) {
            out.println("----- last " + tail.size() + " lines of "
                    + service.logFile().getFileName() + " -----");
            tail.forEach(line -> out.println("  " + line));
            out.println("-----");
        }
        out.println("Stopping everything.");
        System.exit(1);
    }

    /** The shutdown hook: stops whatever has been started, which may be nothing. */
    void stop() {
        // Set before taking the lock: a service that ends now is being stopped, not failing.
        stopping = true;
        synchronized (this) {
            List<ServiceProcess> running =
                    services.stream().filter(ServiceProcess::isAlive).toList();
            if (running.isEmpty() && parts.isEmpty()) {
                return;
            }
            out.println();
            out.println("Stopping the suite ...");
            running.forEach(ServiceProcess::requestStop);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SERVICE_STOP_GRACE_SECONDS);
            for (ServiceProcess service : running) {
                try {
                    out.println(
                            service.awaitStopOrKill(deadline)
                                    ? "  stopped " + service.name()
                                    : "  killed " + service.name() + " (still running after "
                                            + SERVICE_STOP_GRACE_SECONDS + " s)");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            while (!parts.isEmpty()) {
                Part part = parts.pop();
                try {
                    part.closeable().close();
                    out.println("  stopped " + part.name());
                } catch (Exception e) {
                    out.println("  could not stop " + part.name() + " cleanly: " + e.getMessage());
                }
            }
            out.println("Suite stopped.");
        }
    }
}
