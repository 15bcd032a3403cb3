package org.bdisuite.launcher;

import java.nio.file.Path;
import java.util.List;

/**
 * What the command line asked for: {@code [--demo] [--data-dir DIR] [--port-offset N]}. The offset moves every port
 * the suite listens on by N, so that a second suite (a test of the README's examples, a colleague's run) can run
 * beside the default one.
 */
record LauncherOptions(boolean demo, Path dataDir, int portOffset, boolean help) {

    /** The highest offset that keeps the highest default port (15432, PostgreSQL) a valid port. */
    static final int MAX_PORT_OFFSET = 65535 - 15432;

    static final String USAGE = """
            Usage: ./suite [--no-build] [--demo] [--data-dir DIR] [--port-offset N]
              --no-build       start what was built last (handled by ./suite, not by this launcher)
              --demo           load demo data once the services are ready (safe on every run)
              --data-dir DIR   where PostgreSQL, mails, SFTP files, logs and passwords are kept
                               (default: .suite in the repository root); kept between runs
              --port-offset N  add N to every port (console 8080, services 8081-8083, PostgreSQL 15432,
                               SMTP 2525, SFTP 2222), to run a second suite beside the first; default 0
            """;

    static LauncherOptions parse(List<String> args, Path defaultDataDir) {
        boolean demo = false;
        boolean help = false;
        int portOffset = 0;
        Path dataDir = defaultDataDir;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--demo")) {
                demo = true;
            } else if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
            } else if (arg.equals("--data-dir")) {
                if (i + 1 >= args.size() || args.get(i + 1).isBlank()) {
                    throw new IllegalArgumentException("--data-dir needs a directory");
                }
                dataDir = Path.of(args.get(++i));
            } else if (arg.startsWith("--data-dir=") && arg.length() > "--data-dir=".length()) {
                dataDir = Path.of(arg.substring("--data-dir=".length()));
            } else if (arg.equals("--port-offset")) {
                portOffset = portOffset(i + 1 < args.size() ? args.get(++i) : "");
            } else if (arg.startsWith("--port-offset=")) {
                portOffset = portOffset(arg.substring("--port-offset=".length()));
            } else {
                throw new IllegalArgumentException("Unknown argument: " + arg);
            }
        }
        return new LauncherOptions(demo, dataDir.toAbsolutePath().normalize(), portOffset, help);
    }

    private static int portOffset(String value) {
        try {
            int offset = Integer.parseInt(value);
            if (offset >= 0 && offset <= MAX_PORT_OFFSET) {
                return offset;
            }
        } catch (NumberFormatException notANumber) {
            // the message below says what is expected
        }
        throw new IllegalArgumentException("--port-offset needs a number from 0 to " + MAX_PORT_OFFSET);
    }
}
