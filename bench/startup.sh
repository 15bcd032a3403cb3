#!/usr/bin/env bash
# Startup time of each service (JVM mode, database running) against a bare JVM start, in one run: today's packaging
# (target/quarkus-app on the java of the PATH) next to the AOT packaging (target/quarkus-app-aot with its app.aot,
# on JDK 25) when that was built.
# Usage: bench/startup.sh [--no-build]     AOT_JDK=/path/to/jdk-25 (default: /usr/lib/jvm/temurin-25-jdk-amd64)
#   STARTUP_SERVICES=exporter-service         only these services (comma-separated)
#   AOT_TRIAL_OPTIONS="-XX:... -XX:..."       a third packaging: the AOT cache started with these JVM options
# After the table, one more start of each AOT packaging prints where its start goes (JVM creation, Quarkus's steps).
# The first row is the framework's floor: bench/startup-floor (the services' extensions and settings, almost none of
# their code), built here with -Dstartup-floor and packaged and trained as the services are.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
aot_jdk="${AOT_JDK:-/usr/lib/jvm/temurin-25-jdk-amd64}"
services=bench/startup-floor,receiver-service,batch-admin-service,exporter-service
if [ "${1:-}" != "--no-build" ]; then
  ./mvnw -q -B -ntp -Dstartup-floor -pl "$services" -am package -DskipTests
  if [ -x "$aot_jdk/bin/java" ]; then
    JAVA_HOME="$aot_jdk" ./mvnw -q -B -ntp -Dstartup-floor -pl "$services" -am package -DskipTests -Daot
  fi
fi
source bench/compile.sh

echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1); AOT: $("$aot_jdk/bin/java" -version 2>&1 | head -1 || true); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
exec java -Djava.util.logging.manager=org.jboss.logmanager.LogManager -Daot.java="$aot_jdk/bin/java" ${STARTUP_SERVICES:+-Dservices=$STARTUP_SERVICES} ${AOT_TRIAL_OPTIONS:+"-Daot.trial-options=$AOT_TRIAL_OPTIONS"} -cp "$BENCH_CP" StartupBenchmark "$root"
