#!/usr/bin/env bash
# Importer job loading 1,000,000 rows with COPY, against psql \copy of the same file (needs psql on the PATH).
# Usage: bench/importer.sh        (packages batch-admin-service first unless --no-build)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
if [ "${1:-}" != "--no-build" ]; then
  ./mvnw -q -B -pl batch-admin-service -am package -DskipTests
fi
source bench/compile.sh
exec java -cp "$BENCH_CP" ImporterBenchmark "$root"
