#!/usr/bin/env bash
# retry_deploy COMMAND [ARGS...]: runs a package deployment, and runs it again while it fails with the error a
# deployment straight after the app's role assignments gives: 403 (Forbidden) or BlobUploadFailedException (the
# platform cannot yet write the package blob with the app's identity; role assignments take minutes to propagate,
# docs/host-contract.md "Flex Consumption facts"). Any other failure is returned at once. Gives up after
# RETRY_DEPLOY_SECONDS (600: ten minutes), waiting RETRY_DEPLOY_WAIT_SECONDS (30) between attempts.
#
# Used by .github/workflows/deploy.yml (run as a script: bash scripts/lib/retry-deploy.sh az functionapp ...) and by
# scripts/azd-postprovision.sh (sourced). Tested by scripts/tests/retry-deploy.test.sh.

# True when the output of a failed deployment is the role-propagation failure, and only then. A 403 is matched as a
# number on its own ("(403)", "403 Forbidden", "Status Code: 403"), not inside an id such as "…-403a-…".
retry_deploy_is_propagation_error() {
  grep -Eq '(^|[^0-9A-Za-z])403([^0-9A-Za-z]|$)|(^|[^A-Za-z])Forbidden([^A-Za-z]|$)|BlobUploadFailedException'
}

retry_deploy() {
  local limit="${RETRY_DEPLOY_SECONDS:-600}" wait="${RETRY_DEPLOY_WAIT_SECONDS:-30}"
  local start=$SECONDS attempt=1 status output
  while :; do
    output=$(mktemp)
    # The output is shown as it comes and kept to be read; the exit status goes through a file so that the caller's
    # set -e / pipefail, if any, does not end the loop.
    { "$@" 2>&1 && echo 0 >"$output.status" || echo $? >"$output.status"; } | tee "$output"
    status=$(cat "$output.status"); rm -f "$output.status"
    if [ "$status" -eq 0 ]; then rm -f "$output"; return 0; fi
    if ! retry_deploy_is_propagation_error <"$output"; then
      rm -f "$output"
      echo "retry-deploy: attempt $attempt failed (exit $status) with an error that is not a role-propagation 403 or BlobUploadFailedException; not retried." >&2
      return "$status"
    fi
    rm -f "$output"
    if [ $((SECONDS - start + wait)) -gt "$limit" ]; then
      echo "retry-deploy: still 403/BlobUploadFailedException after $((SECONDS - start)) s and $attempt attempts; giving up (limit ${limit} s). Check the app's identity has Storage Blob Data Owner on the deployment storage account, then deploy again." >&2
      return "$status"
    fi
    echo "retry-deploy: attempt $attempt failed with 403/BlobUploadFailedException: the app's role assignments are probably still propagating; trying again in ${wait} s." >&2
    sleep "$wait"
    attempt=$((attempt + 1))
  done
}

# Run as a script: retry the command given.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -uo pipefail
  if [ $# -eq 0 ]; then echo "usage: $0 COMMAND [ARGS...]" >&2; exit 2; fi
  retry_deploy "$@"
fi
