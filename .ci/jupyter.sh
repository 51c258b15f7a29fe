#!/usr/bin/env bash
# Installs Jupyter's notebook runner from Debian packages (nbconvert executes notebooks
# headless through jupyter-client; no Python kernel is needed) and registers Deno's
# Jupyter kernel ("deno") for the current user, so `deno task notebooks` can run
# notebooks/*.ipynb. Idempotent: safe to run again where it already ran. Runs as root.
# Nothing to export: the kernel spec lives in ~/.local/share/jupyter/kernels/deno.
set -euo pipefail

if ! dpkg -s jupyter-nbconvert jupyter-client python3-nbclient >/dev/null 2>&1; then
  echo "== installing jupyter-nbconvert and jupyter-client (Debian)" >&2
  apt-get update >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
    jupyter-nbconvert jupyter-client python3-nbclient >&2
fi

if ! jupyter kernelspec list 2>/dev/null | grep -qE '^\s+deno\s'; then
  echo "== registering the Deno kernel" >&2
  deno jupyter --install >&2
fi

echo "nbconvert $(jupyter nbconvert --version)" >&2
PYDEVD_DISABLE_FILE_VALIDATION=1 jupyter kernelspec list >&2
