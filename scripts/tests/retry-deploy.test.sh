#!/usr/bin/env bash
# Tests scripts/lib/retry-deploy.sh with a stand-in deployment command; no Azure. Run by DeploymentPipelineTests.
# Prints "ok N - …" per case and exits non-zero if any case fails.
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A deployment that fails FAILS times with MESSAGE and exit CODE, then succeeds; counts its attempts in $work/count.
cat >"$work/deploy" <<'STUB'
#!/usr/bin/env bash
n=$(( $(cat "$COUNT" 2>/dev/null || echo 0) + 1 )); echo "$n" >"$COUNT"
if [ "$n" -le "$FAILS" ]; then echo "ERROR: $MESSAGE" >&2; exit "${CODE:-1}"; fi
echo "Deployment was successful."
STUB
chmod +x "$work/deploy"
export COUNT="$work/count" RETRY_DEPLOY_WAIT_SECONDS=0 RETRY_DEPLOY_SECONDS=60

failed=0 case=0
check() { # check NAME EXPECTED_STATUS EXPECTED_ATTEMPTS ACTUAL_STATUS
  case=$((case + 1))
  local attempts; attempts=$(cat "$COUNT")
  if [ "$4" = "$2" ] && [ "$attempts" = "$3" ]; then echo "ok $case - $1"
  else echo "not ok $case - $1: exit $4 (expected $2), $attempts attempts (expected $3)"; failed=1; fi
  rm -f "$COUNT"
}
run() { FAILS=$1 MESSAGE=$2 CODE=${3:-1} bash scripts/lib/retry-deploy.sh "$work/deploy" >"$work/out" 2>&1; }

run 2 "BlobUploadFailedException: Failed to upload blob to storage account: Response status code does not indicate success: 403 (This request is not authorized to perform this operation.)"
check "BlobUploadFailedException is retried until the deployment succeeds" 0 3 $?
run 2 "Operation returned an invalid status 'Forbidden'"
check "Forbidden is retried" 0 3 $?
run 1 "Status Code: 403, Details: AuthorizationPermissionMismatch"
check "a 403 status is retried" 0 2 $?
run 1 "Deployment failed: 400 Bad Request: the package is not a zip" 3
check "any other failure is not retried, and its exit status is kept" 3 1 $?
run 1 "Deployment 5f1c2a9e-403a-4c1e-9d8f-000000000000 failed: Conflict (409)"
check "403 inside an id is not a 403" 1 1 $?

RETRY_DEPLOY_SECONDS=3 RETRY_DEPLOY_WAIT_SECONDS=1 FAILS=99 MESSAGE="BlobUploadFailedException" bash scripts/lib/retry-deploy.sh "$work/deploy" >"$work/out" 2>&1
status=$?
attempts=$(cat "$COUNT")
case=$((case + 1))
if [ "$status" -ne 0 ] && [ "$attempts" -ge 2 ] && [ "$attempts" -le 4 ] && grep -q "giving up" "$work/out"; then echo "ok $case - gives up at the time limit"
else echo "not ok $case - gives up at the time limit: exit $status, $attempts attempts"; cat "$work/out"; failed=1; fi
rm -f "$COUNT"

# Sourced by a script under set -euo pipefail (scripts/azd-postprovision.sh): a retried failure must not end the caller.
FAILS=1 MESSAGE="403 Forbidden" bash -c "set -euo pipefail; . scripts/lib/retry-deploy.sh; retry_deploy '$work/deploy'; echo after" >"$work/out" 2>&1
status=$?
grep -q '^after$' "$work/out" || status=99
check "sourced under set -e, a retried failure does not end the caller" 0 2 $status

grep -q '^BlobUploadFailedException' <(FAILS=1 MESSAGE="BlobUploadFailedException x" bash scripts/lib/retry-deploy.sh "$work/deploy" 2>&1 | sed 's/^ERROR: //')
check "the deployment's own output is shown" 0 2 $?

exit "$failed"
