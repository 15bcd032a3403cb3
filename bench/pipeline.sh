#!/usr/bin/env bash
# The whole BDI pipeline for 1,000,000 rows (extractor -> transporter -> receiver -> importer) against psql \copy
# out and in. Needs psql on the PATH.
# Usage: bench/pipeline.sh        (packages receiver-service and batch-admin-service first unless --no-build)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
if [ "${1:-}" != "--no-build" ]; then
  ./mvnw -q -B -pl receiver-service,batch-admin-service -am package -DskipTests
fi
source bench/compile.sh
exec java -cp "$BENCH_CP" PipelineBenchmark "$root"
