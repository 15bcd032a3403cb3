#!/usr/bin/env bash
# The services-stream export against pgjdbc CopyManager copyOut of the same selection, in one run: the id stream,
# the content stream and the CSV file job over 1,000,000 services, with the service's peak heap (see
# ServicesBenchmark.java).
# Usage: bench/services.sh [--no-build] [repeats] [services]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
if [ "${1:-}" = "--no-build" ]; then shift; else ./mvnw -q -B -ntp -pl exporter-service -am package -DskipTests; fi
source bench/compile.sh
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), disk $(df -h "$root" | awk 'NR==2 {print $1}')"
exec java -cp "$BENCH_CP" ServicesBenchmark "$root" "${1:-3}" "${2:-1000000}"
