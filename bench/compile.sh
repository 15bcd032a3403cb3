#!/usr/bin/env bash
# Compiles the benchmark programs under bench/ against the test-support module's dependencies (the embedded
# PostgreSQL and the JDBC driver). Sourced by the bench scripts; sets BENCH_CP.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mkdir -p "$root/target/bench-classes"
(cd "$root" && ./mvnw -q -B -ntp -pl suite-test dependency:build-classpath \
  -Dmdep.outputFile="$root/target/bench-classpath.txt" >/dev/null)
javac -d "$root/target/bench-classes" -cp "$(cat "$root/target/bench-classpath.txt")" "$root"/bench/*.java
BENCH_CP="$root/target/bench-classes:$(cat "$root/target/bench-classpath.txt")"
export BENCH_CP
