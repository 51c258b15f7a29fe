#!/usr/bin/env bash
# Installs Prometheus, promtool, Alertmanager and amtool (Debian packages) for the rules
# checks and the Prometheus integration tests, and leaves no daemon of those packages
# running: the tests start their own Prometheus on loopback with a temp dir. Prints the
# variables to export:
#   eval "$(bash .ci/prometheus.sh | grep '^export ')"
# Idempotent: safe to run again where it already ran. Runs as root.
set -euo pipefail

SERVICES=(prometheus prometheus-alertmanager prometheus-node-exporter)

if ! command -v prometheus >/dev/null 2>&1 || ! command -v promtool >/dev/null 2>&1 ||
  ! command -v amtool >/dev/null 2>&1; then
  echo "== installing prometheus, prometheus-alertmanager (Debian)" >&2
  apt-get update >&2
  # Debian's postinst starts the daemons unless policy-rc.d says no (101); say no while
  # installing when nothing else does (a Docker image usually does already).
  policy=/usr/sbin/policy-rc.d
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy"
    chmod +x "$policy"
    trap 'rm -f "$policy"' EXIT
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
    prometheus prometheus-alertmanager >&2
fi

# Stop a daemon that did start (systemd, or sysvinit by its own pidfile only, so nothing
# else named prometheus is touched), and keep it from starting at boot.
for service in "${SERVICES[@]}"; do
  if [ -d /run/systemd/system ] && systemctl is-active --quiet "$service" 2>/dev/null; then
    echo "== stopping the $service service" >&2
    systemctl stop "$service" >&2
    systemctl disable "$service" >&2 || true
  fi
  pidfile=/run/$service/$service.pid
  if [ -f "$pidfile" ]; then
    echo "== stopping the $service daemon (pid $(cat "$pidfile"))" >&2
    start-stop-daemon --stop --quiet --oknodo --retry=TERM/10/KILL/5 --pidfile "$pidfile" >&2
    rm -f "$pidfile"
  fi
done

prometheus --version 2>&1 | head -n1 >&2
echo "export RISKPIPE_PROMETHEUS=$(command -v prometheus)"
echo "export RISKPIPE_PROMTOOL=$(command -v promtool)"
echo "export RISKPIPE_AMTOOL=$(command -v amtool)"
