#!/usr/bin/env bash
# Installs haproxy (Debian package) for the replicas integration test and leaves no daemon
# of the package running: the test starts its own haproxy with deploy/haproxy/riskpipe.cfg
# on a free loopback port. Prints the variable to export:
#   eval "$(bash .ci/haproxy.sh | grep '^export ')"
# Idempotent: safe to run again where it already ran. Runs as root.
set -euo pipefail

if ! command -v haproxy >/dev/null 2>&1; then
  echo "== installing haproxy (Debian)" >&2
  apt-get update >&2
  # Debian's postinst enables and starts the service unless policy-rc.d says no (101).
  policy=/usr/sbin/policy-rc.d
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy"
    chmod +x "$policy"
    trap 'rm -f "$policy"' EXIT
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends haproxy >&2
fi

# Stop the package's service if it runs anyway (systemd, or the sysvinit script).
if [ -d /run/systemd/system ]; then
  if systemctl is-active --quiet haproxy 2>/dev/null; then
    echo "== stopping the haproxy service" >&2
    systemctl stop haproxy >&2
  fi
  systemctl disable haproxy >&2 2>/dev/null || true
elif [ -x /etc/init.d/haproxy ] && /etc/init.d/haproxy status >/dev/null 2>&1; then
  echo "== stopping the haproxy service" >&2
  /etc/init.d/haproxy stop >&2
fi

haproxy -v | head -n1 >&2
# The repo's config must parse (haproxy's own checker), with placeholder addresses.
RISKPIPE_HAPROXY_BIND=127.0.0.1:8080 RISKPIPE_REPLICA_1=127.0.0.1:1 RISKPIPE_REPLICA_2=127.0.0.1:2 \
  RISKPIPE_REPLICA_3=127.0.0.1:3 haproxy -c -f "$(dirname "$0")/../deploy/haproxy/riskpipe.cfg" >&2
echo "export RISKPIPE_HAPROXY=$(command -v haproxy)"
