#!/usr/bin/env bash
# Installs nats-server (Debian package) for the JetStream integration test and leaves no
# daemon of the package running: the test starts its own `nats-server -js` on a free
# loopback port with a temp store dir. Prints the variable to export:
#   eval "$(bash .ci/nats.sh | grep '^export ')"
# Idempotent: safe to run again where it already ran. Runs as root.
set -euo pipefail

if ! command -v nats-server >/dev/null 2>&1; then
  echo "== installing nats-server (Debian)" >&2
  apt-get update >&2
  # Debian's postinst enables and starts the service unless policy-rc.d says no (101).
  policy=/usr/sbin/policy-rc.d
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy"
    chmod +x "$policy"
    trap 'rm -f "$policy"' EXIT
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends nats-server >&2
fi

# The package ships a systemd unit only: stop and disable it where systemd runs.
if [ -d /run/systemd/system ]; then
  if systemctl is-active --quiet nats-server 2>/dev/null; then
    echo "== stopping the nats-server service" >&2
    systemctl stop nats-server >&2
  fi
  systemctl disable nats-server >&2 2>/dev/null || true
fi

nats-server --version >&2
echo "export RISKPIPE_NATS_SERVER=$(command -v nats-server)"
