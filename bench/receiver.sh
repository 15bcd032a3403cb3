#!/usr/bin/env bash
# Receiver upload and merge throughput against nginx and cat + sync, in one run (see ReceiverBenchmark.java).
# Usage: bench/receiver.sh [--no-build] [repeats]      needs nginx (Debian package; installed here when missing)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
if [ "${1:-}" = "--no-build" ]; then shift; else ./mvnw -q -B -ntp -pl receiver-service -am package -DskipTests; fi
if ! command -v nginx >/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q nginx >/dev/null
  # The package starts its own nginx on port 80; the benchmark starts one of its own.
  (service nginx stop || pkill -x nginx || true) >/dev/null 2>&1
fi
source bench/compile.sh
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), $(nginx -v 2>&1), disk $(df -h "$root" | awk 'NR==2 {print $1}')"
exec java -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "$BENCH_CP" ReceiverBenchmark "$root" "${1:-3}"
