#!/usr/bin/env bash
# GET /batch/jobs/executions?page=.. p50 / p99 with 1,000,000 executions, against the same page's SQL over JDBC.
# Usage: bench/batch-executions.sh        (packages batch-admin-service first unless --no-build)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
if [ "${1:-}" != "--no-build" ]; then
  ./mvnw -q -B -pl batch-admin-service -am package -DskipTests
fi
source bench/compile.sh
exec java -cp "$BENCH_CP" BatchExecutionsBenchmark "$root"
