#!/usr/bin/env bash
# Tests scripts/check-flex-runtime.sh with a stand-in az on PATH; no Azure. Run by DeploymentPipelineTests.
# Prints "ok N - …" per case and exits non-zero if any case fails.
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The stand-in az records its arguments and answers AZ_ANSWER (a file) with exit AZ_EXIT.
mkdir "$work/bin"
cat >"$work/bin/az" <<'STUB'
#!/usr/bin/env bash
echo "$*" >"$AZ_ARGS"
cat "$AZ_ANSWER"
exit "${AZ_EXIT:-0}"
STUB
chmod +x "$work/bin/az"
export PATH="$work/bin:$PATH" AZ_ARGS="$work/args" AZ_ANSWER="$work/answer"

offered() { # offered VERSION_FIELD RUNTIME_VERSION: one entry shaped like the CLI's
  printf '[{"name":"custom","version":"%s","isDefault":true,"endOfLifeDate":null,"sku":{"skuCode":"FC1","instanceMemoryMB":[{"size":"2048","isDefault":true}],"maximumInstanceCount":{"lowestMaximumInstanceCount":40,"highestMaximumInstanceCount":1000,"defaultValue":100},"functionAppConfigProperties":{"runtime":{"name":"custom","version":"%s"}}}}]' "$1" "$2" >"$AZ_ANSWER"
}

failed=0 case=0
expect() { # expect NAME CONDITION...
  local name=$1; shift
  case=$((case + 1))
  if "$@"; then echo "ok $case - $name"; else echo "not ok $case - $name"; sed 's/^/    /' "$work/out"; failed=1; fi
}
check() { unset GITHUB_ACTIONS; bash scripts/check-flex-runtime.sh "$@" >"$work/out" 2>&1; }

read -r location runtime version < <(bash scripts/check-flex-runtime.sh --print)

offered custom "$version"
check; status=$?
expect "passes when the region lists the Bicep's runtime version in the FC1 sku" [ "$status" -eq 0 ]
expect "asks for the Bicep's runtime in the parameters file's region" \
  grep -qx -- "functionapp list-flexconsumption-runtimes --location $location --runtime $runtime -o json" "$work/args"

offered "$version" ""
check; status=$?
expect "passes when the CLI's own version field is the Bicep's" [ "$status" -eq 0 ]

offered custom 9.9
check; status=$?
expect "fails when the region offers the runtime only at another version" [ "$status" -ne 0 ]
expect "and says to choose another region, naming the runtime and version" \
  grep -q "does not offer Flex Consumption with runtime $runtime $version.*Choose another region" "$work/out"

echo '[]' >"$AZ_ANSWER"
check; status=$?
expect "fails when the region lists nothing for the runtime" [ "$status" -ne 0 ]

echo "ERROR: 'mars' is not a valid location for Flex Consumption." >"$AZ_ANSWER"
AZ_EXIT=1 check; status=$?
# shellcheck disable=SC2317 # called through expect
refused() { [ "$status" -ne 0 ] && grep -q "not a valid location" "$work/out" && grep -q "Choose a region that offers Flex Consumption" "$work/out"; }
expect "fails when the CLI refuses the region, with its message and what to do" refused

printf "using 'main.bicep'\nparam location = 'swedencentral'\n" >"$work/council.bicepparam"
offered custom "$version"
check "$work/council.bicepparam"; status=$?
# shellcheck disable=SC2317 # called through expect
asked_sweden() { [ "$status" -eq 0 ] && grep -q -- "--location swedencentral " "$work/args"; }
expect "reads the region from the parameters file given" asked_sweden

offered custom 9.9
GITHUB_ACTIONS=true bash scripts/check-flex-runtime.sh >"$work/out" 2>&1
expect "in GitHub Actions the reason is an error annotation" grep -q '^::error::' "$work/out"

exit "$failed"
