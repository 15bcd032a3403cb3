#!/usr/bin/env bash
# The fixed cost of an export run, two exporter builds side by side, interleaved run by run against one database
# (see ExporterAbBenchmark.java). Copy one build's exporter-service/target/quarkus-app aside first, e.g.
#   cp -r exporter-service/target/quarkus-app /tmp/exporter-before   (then change, rebuild)
#   bench/exporter-ab.sh /tmp/exporter-before/quarkus-run.jar exporter-service/target/quarkus-app/quarkus-run.jar 30
# Usage: bench/exporter-ab.sh <quarkus-run.jar A> <quarkus-run.jar B> [rounds]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
a="$(realpath "$1")"
b="$(realpath "$2")"
cd "$root"
source bench/compile.sh
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
exec java -cp "$BENCH_CP" ExporterAbBenchmark "$root" "$a" "$b" "${3:-30}"
