#!/usr/bin/env bash
# Builds the deployable package: out/cpalerts.zip, the layout an Azure Functions custom handler needs
# at its root: the self-contained linux-x64 CpAlerts executable (ReadyToRun), host.json, one folder
# per function with its function.json, and the email templates.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "==> Publishing self-contained linux-x64 (ReadyToRun)…"
rm -rf out/package out/cpalerts.zip
dotnet publish functions -c Release -r linux-x64 --self-contained -p:PublishReadyToRun=true \
  -o out/package --nologo -v quiet -clp:ErrorsOnly
rm -f out/package/*.pdb out/package/*.staticwebassets.endpoints.json
chmod +x out/package/CpAlerts
(cd out/package && zip -qr ../cpalerts.zip .)
echo "==> out/cpalerts.zip ($(du -h out/cpalerts.zip | cut -f1)): $(ls -d out/package/*/ | xargs -n1 basename | tr '\n' ' ')"
