# Sourced by scripts/test.sh and scripts/demo.sh: start and stop Azurite's table service.
# Azurite comes from package-lock.json (npm ci); it runs in memory on a free loopback port.

azurite_install() {
  if [ ! -x node_modules/.bin/azurite-table ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "==> Installing Azurite (npm ci)…"
    npm ci --no-audit --no-fund --loglevel=error >/dev/null
  fi
}

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close();});'
}

# Starts Azurite and exports CpAlerts__Tables__ConnectionString (a connection string) and AZURITE_PID.
azurite_start() {
  local port log
  port=$(free_port)
  log="${AZURITE_LOG:-out/azurite.log}"
  mkdir -p "$(dirname "$log")"
  node_modules/.bin/azurite-table --tableHost 127.0.0.1 --tablePort "$port" --inMemoryPersistence \
    --skipApiVersionCheck --disableTelemetry --silent >"$log" 2>&1 &
  AZURITE_PID=$!
  for _ in $(seq 1 100); do
    if grep -q "successfully started" "$log" 2>/dev/null; then break; fi
    if ! kill -0 "$AZURITE_PID" 2>/dev/null; then echo "Azurite failed to start; see $log" >&2; cat "$log" >&2; return 1; fi
    sleep 0.2
  done
  # Azurite's well-known development account: not a secret (documented by Microsoft for the emulator).
  export CpAlerts__Tables__ConnectionString="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:${port}/devstoreaccount1;"
  export AZURITE_PID
  echo "==> Azurite table service on 127.0.0.1:${port} (pid ${AZURITE_PID})"
}

azurite_stop() {
  if [ -n "${AZURITE_PID:-}" ] && kill -0 "$AZURITE_PID" 2>/dev/null; then
    kill "$AZURITE_PID" 2>/dev/null || true
    wait "$AZURITE_PID" 2>/dev/null || true
    echo "==> Azurite stopped"
  fi
}
