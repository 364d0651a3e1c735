#!/usr/bin/env bash
# azd's postprovision hook (azure.yaml): the first package deployment after provisioning, retried while the app's new
# role assignments propagate.
#
# azd deploys the package itself (service language custom, dist out/cpalerts.zip: azd uploads the zip with its own
# client), and a hook cannot retry that upload. `azd up` packages first, then provisions, then deploys; so here, right
# after provisioning and before azd's deploy, this script deploys the same out/cpalerts.zip with the Azure CLI through
# scripts/lib/retry-deploy.sh: retried for up to ten minutes on 403 or BlobUploadFailedException only. azd's own
# deploy then follows once the roles work, and uploads the same package again.
#
# Needs the Azure CLI signed in to the same tenant (az login). With no package yet (azd provision alone) it does
# nothing: the next azd deploy uploads it.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib/retry-deploy.sh
. scripts/lib/retry-deploy.sh

zip=out/cpalerts.zip
service=cpalerts # azure.yaml services: cpalerts; functionapp.bicep tags the app azd-service-name: cpalerts

if [ ! -f "$zip" ]; then
  echo "postprovision: no $zip yet (azd provision on its own); the next azd deploy uploads it."
  exit 0
fi
: "${AZURE_RESOURCE_GROUP:?postprovision: AZURE_RESOURCE_GROUP is not set (azd env set AZURE_RESOURCE_GROUP <group>)}"
subscription=()
[ -n "${AZURE_SUBSCRIPTION_ID:-}" ] && subscription=(--subscription "$AZURE_SUBSCRIPTION_ID")

if ! az account show "${subscription[@]}" -o none 2>/dev/null; then
  echo "postprovision: the Azure CLI is not signed in to this subscription. Run az login, then azd deploy (the first deployment can fail with 403 for a few minutes while role assignments propagate; run azd deploy again if it does)." >&2
  exit 1
fi

app=$(az functionapp list -g "$AZURE_RESOURCE_GROUP" "${subscription[@]}" \
  --query "[?tags.\"azd-service-name\"=='$service'].name | [0]" -o tsv)
if [ -z "$app" ]; then
  echo "postprovision: no function app tagged azd-service-name: $service in $AZURE_RESOURCE_GROUP." >&2
  exit 1
fi

echo "postprovision: deploying $zip to $app (retried on 403 / BlobUploadFailedException for up to ten minutes)…"
retry_deploy az functionapp deployment source config-zip -g "$AZURE_RESOURCE_GROUP" -n "$app" "${subscription[@]}" \
  --src "$zip" --build-remote false
