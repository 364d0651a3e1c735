#!/usr/bin/env bash
# Measures the packaged handler's cold start as a ratio: process start to the first answered timer
# invocation on loopback, for CpAlerts and for a minimal ASP.NET Core custom handler published the same
# way (benchmarks/ColdStartBaseline: self-contained linux-x64, ReadyToRun), started alternately N times
# each (default 9) so both see the same machine state. Prints each run, both medians and the ratio.
# Needs out/cpalerts.zip (scripts/package.sh, built here if missing) and Azurite (started here).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/azurite.sh
runs="${1:-9}"
[ -f out/cpalerts.zip ] || scripts/package.sh
if [ ! -x out/cold-start-baseline/ColdStartBaseline ]; then
  echo "==> Publishing the baseline handler the same way (self-contained linux-x64, ReadyToRun)…"
  dotnet publish benchmarks/ColdStartBaseline -c Release -r linux-x64 --self-contained -p:PublishReadyToRun=true \
    -o out/cold-start-baseline --nologo -v quiet -clp:ErrorsOnly
fi
azurite_install
trap azurite_stop EXIT
AZURITE_LOG=out/cold-start-azurite.log azurite_start >/dev/null
dir=$(mktemp -d)
unzip -q out/cpalerts.zip -d "$dir/cpalerts"
export CpAlerts__FallbackMailbox=fallback@council.example CpAlerts__Email__FromAddress=cpalerts@council.example CpAlerts__Email__Outbox="$dir/outbox"
# 05:00 UTC in December is 05:00 London: the handler answers that this is the other candidate hour, so
# the first answer is start-up plus one invocation's parsing, the same work as the baseline's.
payload='{"Data":{"timer":{"IsPastDue":false}},"Metadata":{"sys":{"MethodName":"DailySweep","UtcNow":"2026-12-15T05:00:00Z"}}}'

# Milliseconds from starting the executable to its first 2xx answer to the DailySweep invocation.
first_answer_ms() {
  local port start end pid
  port=$(free_port)
  start=$(date +%s%N)
  FUNCTIONS_CUSTOMHANDLER_PORT=$port "$@" >/dev/null 2>&1 &
  pid=$!
  until curl -sf -o /dev/null -X POST -H 'Content-Type: application/json' -d "$payload" "http://127.0.0.1:$port/DailySweep"; do
    kill -0 "$pid" 2>/dev/null || { echo "error: '$*' stopped before answering; run it by hand to see why" >&2; exit 1; }
    sleep 0.01
  done
  end=$(date +%s%N)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo $(( (end - start) / 1000000 ))
}

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

cpalerts=() baseline=()
for i in $(seq 1 "$runs"); do
  cpalerts+=("$(first_answer_ms "$dir/cpalerts/CpAlerts" serve)")
  baseline+=("$(first_answer_ms out/cold-start-baseline/ColdStartBaseline)")
  echo "run $i/$runs: CpAlerts ${cpalerts[-1]} ms, baseline ${baseline[-1]} ms"
done
rm -rf "$dir"
c=$(printf '%s\n' "${cpalerts[@]}" | median)
b=$(printf '%s\n' "${baseline[@]}" | median)
echo "median first answer: CpAlerts ${c} ms, minimal ASP.NET Core handler ${b} ms"
awk -v c="$c" -v b="$b" 'BEGIN { printf "cold start ratio: %.2fx the minimal handler (target 1.15x or less)\n", c / b }'
