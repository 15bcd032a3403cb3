package org.bdisuite.crash;

/** JVM options of the services under trial: they start often and briefly, so start-up time counts, not peak speed. */
final class CrashJvm {

    static final String[] OPTIONS = {"-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"};

    private CrashJvm() {}
}
