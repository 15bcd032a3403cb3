#!/usr/bin/env bash
# Receiver upload and merge throughput against nginx and cat + sync, in one run (see ReceiverBenchmark.java).
# Usage: bench/receiver.sh [--no-build] [repeats]      needs nginx (Debian package; installed here when missing)
#   BENCH_JAVA_OPTS="-Dreceiver.rows=a1,a4,b4,c"   only these rows
#   BENCH_JAVA_OPTS="-Dreceiver.client=jdk"        java.net.http as the client, the default before 2026-12-05
#                                                  (now a plain socket, one request in flight per connection)
#   BENCH_JAVA_OPTS="-Dreceiver.pipeline=N"        N requests in flight per connection (HTTP/1.1 pipelining)
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
exec java -Djava.util.logging.manager=org.jboss.logmanager.LogManager ${BENCH_JAVA_OPTS:-} -cp "$BENCH_CP" ReceiverBenchmark "$root" "${1:-3}"
