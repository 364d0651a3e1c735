#!/usr/bin/env bash
# Measures the packaged handler's cold start as a ratio: process start to the first answered timer
# invocation on loopback, for CpAlerts and for a minimal ASP.NET Core custom handler published the same
# way (benchmarks/ColdStartBaseline: self-contained linux-x64, ReadyToRun), started alternately N times
# each (default 9) so both see the same machine state. Prints each run, both medians and the ratio.
# Needs out/cpalerts.zip (scripts/package.sh, built here if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/azurite.sh # free_port
runs="${1:-9}"
[ -f out/cpalerts.zip ] || scripts/package.sh
if [ ! -x out/cold-start-baseline/ColdStartBaseline ]; then
  echo "==> Publishing the baseline handler the same way (self-contained linux-x64, ReadyToRun)…"
  dotnet publish benchmarks/ColdStartBaseline -c Release -r linux-x64 --self-contained -p:PublishReadyToRun=true \
    -o out/cold-start-baseline --nologo -v quiet -clp:ErrorsOnly
fi
dir=$(mktemp -d)
unzip -q out/cpalerts.zip -d "$dir/cpalerts"
# Configured as in Azure: a table endpoint and the app's identity. Nothing may reach storage (or sign in)
# before the first answer: if anything tried, this unreachable account would show as a failed or slow start.
export CpAlerts__Tables__Endpoint=https://cpalertscoldstart.table.core.windows.net
export CpAlerts__FallbackMailbox=fallback@council.example CpAlerts__Email__FromAddress=cpalerts@council.example CpAlerts__Email__Outbox="$dir/outbox"
# The DailySweep firing as the host sends it (docs/host-contract.md; the shape testing/LocalRun/HostInvocations.cs
# Timer builds: TimerInfo with its schedule status, sys metadata; the headers and host version as it sends them) at 05:00 UTC in December, which is 05:00 London: the
# handler answers that this is the other candidate hour, so the first answer is start-up plus one invocation's parsing.
payload='{"Data":{"timer":{"Schedule":{"AdjustForDST":true},"ScheduleStatus":{"Last":"2026-12-14T05:00:00+00:00","Next":"2026-12-15T05:00:00+00:00","LastUpdated":"2026-12-14T05:00:00+00:00"},"IsPastDue":false}},"Metadata":{"sys":{"MethodName":"DailySweep","UtcNow":"2026-12-15T05:00:00.012Z","RandGuid":"0f8fad5b-d9cb-469f-a165-70867728950e"}}}'

# Milliseconds from starting the executable to its first 2xx answer to the DailySweep invocation.
first_answer_ms() {
  local port start end pid exe
  port=$(free_port)
  start=$(date +%s%N)
  # Started in its own folder, as the host starts a custom handler in the app's root (azure-functions-host,
  # Workers/Http/HttpWorkerDescription.cs: WorkerDirectory defaults to the script root and is the process's directory).
  for exe in "$@"; do [ -x "$exe" ] && [ -f "$exe" ] && break; done
  (cd "$(dirname "$exe")" && FUNCTIONS_CUSTOMHANDLER_PORT=$port exec "$@" >/dev/null 2>&1) &
  pid=$!
  until curl -sf -o /dev/null -X POST -H 'Content-Type: application/json' -H "X-Azure-Functions-InvocationId: $(cat /proc/sys/kernel/random/uuid)" \
      -H 'X-Azure-Functions-HostVersion: 4.1044.0' -d "$payload" "http://127.0.0.1:$port/DailySweep"; do
    kill -0 "$pid" 2>/dev/null || { echo "error: '$*' stopped before answering; run it by hand to see why" >&2; exit 1; }
    sleep 0.01
  done
  end=$(date +%s%N)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo $(( (end - start) / 1000000 ))
}

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# As deployed, the handler also starts the Azure Monitor exporter (signed in with Entra ID); nothing is sent
# before the first answer, so an unreachable ingestion endpoint on loopback stands in for Application Insights.
telemetry=(env "APPLICATIONINSIGHTS_CONNECTION_STRING=InstrumentationKey=6f1d7a52-3c0e-4b8a-9d2f-1e5c7b9a0d34;IngestionEndpoint=http://127.0.0.1:9/"
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING=Authorization=AAD)
cpalerts=() monitored=() baseline=()
for i in $(seq 1 "$runs"); do
  cpalerts+=("$(first_answer_ms "$dir/cpalerts/CpAlerts" serve)")
  baseline+=("$(first_answer_ms "$PWD/out/cold-start-baseline/ColdStartBaseline")")
  monitored+=("$(first_answer_ms "${telemetry[@]}" "$dir/cpalerts/CpAlerts" serve)")
  echo "run $i/$runs: CpAlerts ${cpalerts[-1]} ms, with telemetry ${monitored[-1]} ms, baseline ${baseline[-1]} ms"
done
rm -rf "$dir"
c=$(printf '%s\n' "${cpalerts[@]}" | median)
m=$(printf '%s\n' "${monitored[@]}" | median)
b=$(printf '%s\n' "${baseline[@]}" | median)
echo "median first answer: CpAlerts ${c} ms (${m} ms with telemetry), minimal ASP.NET Core handler ${b} ms"
awk -v c="$c" -v m="$m" -v b="$b" 'BEGIN { printf "cold start ratio: %.2fx the minimal handler without telemetry, %.2fx with it (target 1.15x or less; docs/benchmarks.md)\n", c / b, m / b }'
