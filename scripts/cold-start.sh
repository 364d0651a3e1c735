#!/usr/bin/env bash
# Measures the packaged handler's cold start: process start to the first answered timer invocation,
# on loopback, N times (default 5). Needs out/cpalerts.zip (scripts/package.sh) and Azurite (started here).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/azurite.sh
runs="${1:-5}"
[ -f out/cpalerts.zip ] || scripts/package.sh
azurite_install
trap azurite_stop EXIT
AZURITE_LOG=out/cold-start-azurite.log azurite_start >/dev/null
dir=$(mktemp -d)
unzip -q out/cpalerts.zip -d "$dir"
export CpAlerts__FallbackMailbox=fallback@council.example CpAlerts__Email__FromAddress=cpalerts@council.example CpAlerts__Email__Outbox="$dir/outbox"
payload='{"Data":{"timer":{"IsPastDue":false}},"Metadata":{"sys":{"MethodName":"DailySweep","UtcNow":"2026-12-15T05:00:00Z"}}}'
for i in $(seq 1 "$runs"); do
  port=$(free_port)
  start=$(date +%s%N)
  FUNCTIONS_CUSTOMHANDLER_PORT=$port "$dir/CpAlerts" serve >/dev/null 2>&1 &
  pid=$!
  until curl -sf -o /dev/null -X POST -H 'Content-Type: application/json' -d "$payload" "http://127.0.0.1:$port/DailySweep"; do sleep 0.01; done
  end=$(date +%s%N)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "cold start $i: $(( (end - start) / 1000000 )) ms"
done
rm -rf "$dir"
