package org.bdisuite.launcher;

import java.nio.file.Path;
import java.util.List;

/** What the command line asked for: {@code [--demo] [--data-dir DIR]}. */
record LauncherOptions(boolean demo, Path dataDir, boolean help) {

    static final String USAGE = """
            Usage: ./suite [--no-build] [--demo] [--data-dir DIR]
              --no-build      start what was built last (handled by ./suite, not by this launcher)
              --demo          load demo data once the services are ready (safe on every run)
              --data-dir DIR  where PostgreSQL, mails, SFTP files, logs and passwords are kept
                              (default: .suite in the repository root); kept between runs
            """;

    static LauncherOptions parse(List<String> args, Path defaultDataDir) {
        boolean demo = false;
        boolean help = false;
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
            } else {
                throw new IllegalArgumentException("Unknown argument: " + arg);
            }
        }
        return new LauncherOptions(demo, dataDir.toAbsolutePath().normalize(), help);
    }
}
