#!/usr/bin/env bash
# Lints the stored OpenAPI contracts (docs/openapi/*.yaml) with Redocly CLI, installed by npm into tools/.npm/
# (git-ignored) at the pinned version on first use. Needs Node.js 18+ and npm; not part of ./mvnw verify.
# Rules: tools/redocly.yaml. Exit status: non-zero when Redocly reports an error.
set -euo pipefail
cd "$(dirname "$0")/.."
REDOCLY_VERSION=2.77.0
PREFIX=tools/.npm
BIN="$PREFIX/node_modules/.bin/redocly"
if [[ ! -x "$BIN" ]] || ! "$BIN" --version 2>/dev/null | grep -qx "$REDOCLY_VERSION"; then
  echo "Installing @redocly/cli@$REDOCLY_VERSION into $PREFIX ..." >&2
  npm install --prefix "$PREFIX" --no-save --no-audit --no-fund --loglevel=error "@redocly/cli@$REDOCLY_VERSION" >&2
fi
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true
if [[ $# -eq 0 ]]; then
  set -- docs/openapi/receiver-service.yaml docs/openapi/batch-admin-service.yaml docs/openapi/exporter-service.yaml
fi
exec "$BIN" lint --config tools/redocly.yaml "$@"
