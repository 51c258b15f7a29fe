#!/usr/bin/env bash
# Installs headless Chromium (Debian package) for the browser integration test, which
# opens the evaluation report and the drift site and fails on console errors or missing
# charts. Prints the variable to export:
#   eval "$(bash .ci/chromium.sh | grep '^export ')"
# Idempotent: safe to run again where it already ran. Runs as root.
set -euo pipefail

if ! command -v chromium >/dev/null 2>&1; then
  echo "== installing chromium (Debian)" >&2
  apt-get update >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium fonts-dejavu-core >&2
fi
chromium --version >&2
echo "export RISKPIPE_CHROMIUM=$(command -v chromium)"
