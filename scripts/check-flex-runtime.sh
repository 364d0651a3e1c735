#!/usr/bin/env bash
# Preflight for a deployment: does the region the parameters file deploys to offer Flex Consumption with the runtime,
# at the version, that infra-bicep/modules/functionapp.bicep asks for (`runtime: { name: 'custom', version: '1.0' }`)?
# Run by .github/workflows/deploy.yml before the Bicep what-if; exits non-zero with what to do when it does not.
#
#   scripts/check-flex-runtime.sh [PARAMETERS_FILE]          default infra-bicep/main.bicepparam
#   scripts/check-flex-runtime.sh --print [PARAMETERS_FILE]  prints "LOCATION RUNTIME VERSION" as read; calls nothing
#
# The list comes from the Azure CLI (2.60 or later):
#   az functionapp list-flexconsumption-runtimes --location REGION --runtime RUNTIME -o json
# a JSON array with one object per version offered: its name, its version as the CLI shows it, and its FC1 sku, whose
# functionAppConfigProperties.runtime {name, version} is what a template sets (the same shape as Az PowerShell's
# Get-AzFunctionAppFlexConsumptionRuntime: "Name Version IsDefault EndOfLifeDate Sku", Sku holding skuCode FC1 and
# functionAppConfigProperties; https://learn.microsoft.com/powershell/module/az.functions/get-azfunctionappflexconsumptionruntime).
# Either version field equal to the Bicep's counts. Needs jq (on GitHub's ubuntu runners).
# Tested by scripts/tests/check-flex-runtime.test.sh with a stand-in az.
set -euo pipefail
cd "$(dirname "$0")/.."

print_only=0
if [ "${1:-}" = "--print" ]; then print_only=1; shift; fi
parameters="${1:-infra-bicep/main.bicepparam}"
bicep=infra-bicep/modules/functionapp.bicep

fail() {
  if [ "${GITHUB_ACTIONS:-}" = "true" ]; then echo "::error::$*"; else echo "error: $*" >&2; fi
  exit 1
}

runtime_line=$(grep -Eo "runtime: \{ name: '[^']+', version: '[^']+' \}" "$bicep" || true)
[ "$(printf '%s\n' "$runtime_line" | grep -c .)" -eq 1 ] || fail "$bicep: expected one line runtime: { name: '…', version: '…' }"
runtime=$(sed -E "s/.*name: '([^']+)'.*/\1/" <<<"$runtime_line")
version=$(sed -E "s/.*version: '([^']+)'.*/\1/" <<<"$runtime_line")

[ -f "$parameters" ] || fail "$parameters does not exist"
location=$(sed -nE "s/^param location = '([^']+)'.*/\1/p" "$parameters" | head -n1)
if [ -z "$location" ]; then # not set in the parameters file: main.bicep's default
  location=$(sed -nE "s/^param location string = '([^']+)'.*/\1/p" infra-bicep/main.bicep | head -n1)
fi
[ -n "$location" ] || fail "no location: set param location = '<region>' in $parameters"

if [ "$print_only" -eq 1 ]; then echo "$location $runtime $version"; exit 0; fi

echo "Checking that $location offers Flex Consumption with runtime $runtime $version ($bicep)…"
if ! offered=$(az functionapp list-flexconsumption-runtimes --location "$location" --runtime "$runtime" -o json 2>&1); then
  printf '%s\n' "$offered"
  fail "could not list the Flex Consumption runtimes of $location (the Azure CLI must be 2.60 or later; a region without Flex Consumption is refused). Choose a region that offers Flex Consumption with runtime $runtime $version: az functionapp list-flexconsumption-locations, then az functionapp list-flexconsumption-runtimes --location <region> --runtime $runtime; set param location in $parameters."
fi
matches=$(jq --arg v "$version" '[.[]? | select(.version == $v or .sku.functionAppConfigProperties.runtime.version == $v)] | length' <<<"$offered" 2>/dev/null || echo 0)
if [ "$matches" -lt 1 ]; then
  printf 'Offered in %s for runtime %s: %s\n' "$location" "$runtime" "$(jq -c '[.[]? | {version, runtime: .sku.functionAppConfigProperties.runtime}]' <<<"$offered" 2>/dev/null || printf '%s' "$offered")"
  fail "$location does not offer Flex Consumption with runtime $runtime $version, which $bicep asks for. Nothing was deployed. Choose another region: az functionapp list-flexconsumption-locations, then az functionapp list-flexconsumption-runtimes --location <region> --runtime $runtime must list version $version; set param location in $parameters (BICEP_PARAMETERS_FILE) to it."
fi
echo "$location offers Flex Consumption with runtime $runtime $version."
