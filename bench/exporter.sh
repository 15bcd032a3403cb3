#!/usr/bin/env bash
# Exporter CSV / JSON export throughput against pgjdbc CopyManager copyOut of the same query, in one run, and a
# 10,000,000-row split export under -Xmx256m (see ExporterBenchmark.java).
# Usage: bench/exporter.sh [--no-build] [repeats] [rows of the big export]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
if [ "${1:-}" = "--no-build" ]; then shift; else ./mvnw -q -B -ntp -pl exporter-service -am package -DskipTests; fi
source bench/compile.sh
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), disk $(df -h "$root" | awk 'NR==2 {print $1}')"
exec java -cp "$BENCH_CP" ExporterBenchmark "$root" "${1:-3}" "${2:-10000000}"
