#!/usr/bin/env bash
# Prints CpAlerts' speed and memory figures (docs/benchmarks.md records a run):
#   scripts/bench.sh                 BenchmarkDotNet (rules over 100,000 children, email rendering) + end-to-end at 1,000 and 10,000 children
#   scripts/bench.sh e2e 1000,100000 end-to-end only, at the sizes given
#   scripts/bench.sh region 100 1000 a region: 100 councils of 1,000 children, each swept on its own
#   scripts/bench.sh teamview 480,10000 [51] [separate|shared]  the team view: a social worker's, a team manager's and a head of service's page at each size
#                                    (medians of 51 timed rounds; each council in tables of its own as a deployment keeps it, or every size in one set of tables)
#   scripts/bench.sh csv 1000000     evaluate --data on a generated million-row children.csv: time and peak memory
# End-to-end figures need Azurite, started here in memory on a free loopback port.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/azurite.sh
dotnet build benchmarks -c Release --nologo -v quiet -clp:ErrorsOnly
if [ "${1:-}" = "csv" ]; then
  command -v /usr/bin/time >/dev/null || { echo "needs GNU time: apt-get install time" >&2; exit 2; }
  rows="${2:-1000000}"
  dir=$(mktemp -d)
  trap 'rm -rf "$dir"' EXIT
  echo "==> children.csv with $rows rows (every hundredth with an impossible date of birth)…"
  { echo "child_id,date_of_birth,entered_care,social_worker_id"
    seq 0 $((rows - 1)) | awk '{ printf "C%07d,%s,2026-01-01,S1\n", $1, ($1 % 100 == 99 ? "2015-02-30" : "2015-01-01") }'
  } >"$dir/children.csv"
  echo "==> evaluate --data (the JSON goes to /dev/null)…"
  # Exit 1 is expected: rows were rejected.
  /usr/bin/time -o "$dir/time" -f "evaluate --data, $rows rows: exit %x, %e s, peak resident memory %M KB" \
    dotnet benchmarks/bin/Release/net10.0/CpAlerts.Tool.dll evaluate --data "$dir" --as-of 2026-11-23 >/dev/null 2>"$dir/stderr" || true
  tail -n 1 "$dir/stderr"
  cat "$dir/time"
  exit 0
fi
azurite_install
if [ "${1:-}" != "e2e" ] && [ "${1:-}" != "region" ] && [ "${1:-}" != "teamview" ]; then
  echo "==> BenchmarkDotNet (ShortRun)…"
  dotnet benchmarks/bin/Release/net10.0/CpAlerts.Benchmarks.dll --filter '*' --job short --memory --artifacts out/benchmarks
fi
trap azurite_stop EXIT
# Azurite keeps every table in memory: 100,000 children is ~3.5 million entities across the run.
export NODE_OPTIONS="--max-old-space-size=16384"
AZURITE_LOG=out/bench-azurite.log azurite_start
unset NODE_OPTIONS
if [ "${1:-}" = "teamview" ]; then
  echo "==> Team view against Azurite…"
  dotnet benchmarks/bin/Release/net10.0/CpAlerts.Benchmarks.dll teamview "${2:-480,10000}" "${3:-51}" ${4:+"$4"}
elif [ "${1:-}" = "region" ]; then
  echo "==> End-to-end against Azurite…"
  dotnet benchmarks/bin/Release/net10.0/CpAlerts.Benchmarks.dll e2e region "${2:-100}" "${3:-1000}"
else
  echo "==> End-to-end against Azurite…"
  dotnet benchmarks/bin/Release/net10.0/CpAlerts.Benchmarks.dll e2e "${2:-1000,10000}"
fi
