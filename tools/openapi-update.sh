#!/usr/bin/env bash
# Regenerates the stored OpenAPI contracts: builds the three services (tests skipped; the build writes each
# document to <service>/target/openapi/openapi.yaml) and copies them to docs/openapi/<service>.yaml. Commit the
# result with the change that caused it; each service's OpenApiContractTest fails while they differ.
#
#   tools/openapi-update.sh                 # all three services
#   tools/openapi-update.sh exporter-service # one service
#   MAVEN_ARGS="-Dmaven.repo.local=/path/to/repo" tools/openapi-update.sh
#
# receiver-client is generated from docs/openapi/receiver-service.yaml, so after a change of the receiver's
# contract run this once more (or build): the second build compiles the suite against the new client.
set -euo pipefail
cd "$(dirname "$0")/.."
SERVICES=("$@")
if [[ ${#SERVICES[@]} -eq 0 ]]; then
  SERVICES=(receiver-service batch-admin-service exporter-service)
fi
MODULES=$(IFS=,; echo "${SERVICES[*]}")
# shellcheck disable=SC2086
./mvnw -B -ntp -q ${MAVEN_ARGS:-} -DskipTests -pl "$MODULES" -am package
mkdir -p docs/openapi
for service in "${SERVICES[@]}"; do
  generated="$service/target/openapi/openapi.yaml"
  [[ -f "$generated" ]] || { echo "No $generated: did the build of $service run?" >&2; exit 1; }
  if cmp -s "$generated" "docs/openapi/$service.yaml"; then
    echo "docs/openapi/$service.yaml: unchanged"
  else
    cp "$generated" "docs/openapi/$service.yaml"
    echo "docs/openapi/$service.yaml: updated"
  fi
done
