#!/usr/bin/env bash
# Startup time of each service (JVM mode, database running) against a bare JVM start, in one run.
# Usage: bench/startup.sh        (builds the services first unless --no-build)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
if [ "${1:-}" != "--no-build" ]; then
  ./mvnw -q -B -DskipTests install
fi
source bench/compile.sh

echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1)"
exec java -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "$BENCH_CP" StartupBenchmark "$root"
