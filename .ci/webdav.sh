#!/usr/bin/env bash
# Installs nginx (Debian, built with its WebDAV module) for the remote-cache integration
# test, which starts its own nginx on a free loopback port with a temp config. Debian's
# package starts a system nginx on :80 where services may start: it is stopped here.
# Prints the variable to export:
#   eval "$(bash .ci/webdav.sh | grep '^export ')"
# Idempotent: safe to run again where it already ran. Runs as root.
set -euo pipefail

if ! command -v nginx >/dev/null 2>&1; then
  echo "== installing nginx (Debian)" >&2
  apt-get update >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends nginx >&2
fi
if ! nginx -V 2>&1 | grep -q -- --with-http_dav_module; then
  echo "CI: nginx lacks the WebDAV module (--with-http_dav_module)" >&2
  exit 1
fi
# The package's own server is not used; leave nothing listening on :80.
if [ -f /run/nginx.pid ] && kill -0 "$(cat /run/nginx.pid)" 2>/dev/null; then
  echo "== stopping the system nginx" >&2
  nginx -s quit >&2 || true
fi
nginx -v >&2
echo "export RISKPIPE_NGINX=$(command -v nginx)"
