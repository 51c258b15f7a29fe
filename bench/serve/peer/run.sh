#!/usr/bin/env bash
# riskpipe `/predict` against the FastAPI peer (FastAPI 0.92 + pydantic 1.10 + uvicorn, one
# worker, XGBoost 1.7) on loopback, same wrk settings, same example row, same trees.
#
#   bench/serve/peer/run.sh <repo dir with a repro'd data/> [seconds per run (default 10)]
#
# The repo's registry is copied into a temp dir (the repo is left as it was). The peer's
# XGBoost model is trained on the repo's split with the champion GBDT's depth and number
# of trees (train_xgboost.ts), imported into the copy with `registry import-xgboost` and
# promoted there, so both servers serve the same trees; the peer's pydantic model and
# request features are generated from that version (generate_model.ts) and checked on the
# test split (parity.ts) before any load. Both servers run on core 0, wrk on core 1
# (taskset); each run prints req/s, p50, p99 and the server's CPU µs per request (all its
# threads, from /proc/PID/stat); both servers' output goes to files in the temp dir (riskpipe
# writes an access line per request to stdout). CONNECTIONS (default "20 4") lists the wrk -c values.
set -euo pipefail
REPO=$(cd "${1:?usage: run.sh <repo dir> [seconds]}" && pwd)
SECONDS_PER_RUN=${2:-10}
CONNECTIONS=${CONNECTIONS:-"20 4"}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
PY=/usr/bin/python3
SERVER_CORE=0
WRK_CORE=1
SERVE_PORT=18180
PEER_PORT=18182
WORK=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
for tool in wrk taskset curl; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool is not installed (apt-get install -y wrk)" >&2; exit 1; }
done
$PY -c "import fastapi, uvicorn, pydantic, xgboost" 2>/dev/null || {
  echo "run.sh: the peer needs python3-fastapi python3-uvicorn python3-pydantic python3-xgboost" >&2
  exit 1
}

cd "$ROOT"
registry() { deno run -A lib/cli/registry.ts "$@" --registry "$WORK/registry"; }
cp -r "$REPO/data/registry" "$WORK/registry"
CHAMPION=$(registry aliases --json | sed -nE 's/ *"champion": "(v[0-9]+)".*/\1/p')
mkdir -p "$WORK/peer"
deno run -A "$HERE/train_xgboost.ts" "$REPO" "$WORK/registry/versions/$CHAMPION" "$WORK/peer/xgboost.json"
VERSION=$(registry import-xgboost "$WORK/peer/xgboost.json" --from "$CHAMPION" --name peer --json 2>/dev/null |
  $PY -c 'import json, sys; print(json.load(sys.stdin)["info"]["version"])')
registry promote "$VERSION" Production --force --reason "peer benchmark: the peer's trees" >/dev/null
VERSION_DIR="$WORK/registry/versions/$VERSION"
deno run -A "$HERE/generate_model.ts" "$VERSION_DIR" "$WORK/peer"
deno run -A "$HERE/parity.ts" "$REPO" "$VERSION_DIR" "$WORK/peer" "$VERSION_DIR" 1000
deno run -A bench/serve/payloads.ts "$REPO" "$VERSION_DIR" "$WORK" 1 >/dev/null 2>&1

taskset -c "$SERVER_CORE" deno run -A serve/main.ts --port "$SERVE_PORT" --registry "$WORK/registry" \
  --log-db "$WORK/log.db" --no-watch >"$WORK/serve.out" 2>"$WORK/serve.log" &
pids+=($!)
SERVE_PID=$!
PEER_DIR="$WORK/peer" taskset -c "$SERVER_CORE" $PY -m uvicorn app:app --app-dir "$HERE" \
  --host 127.0.0.1 --port "$PEER_PORT" --workers 1 --log-level warning --no-access-log \
  >"$WORK/peer.out" 2>"$WORK/peer.log" &
pids+=($!)
PEER_PID=$!
for port in $SERVE_PORT $PEER_PORT; do
  ok=
  for _ in $(seq 200); do
    if curl -sf -o /dev/null -XPOST -H 'content-type: application/json' --data "@$WORK/row.json" \
      "http://127.0.0.1:$port/predict"; then ok=1 && break; fi
    sleep 0.1
  done
  [ -n "$ok" ] || { echo "run.sh: nothing answers /predict on port $port" >&2; cat "$WORK"/*.log >&2; exit 1; }
done
echo "riskpipe: $(curl -s -XPOST -H 'content-type: application/json' --data "@$WORK/row.json" "http://127.0.0.1:$SERVE_PORT/predict")"
echo "peer:     $(curl -s -XPOST -H 'content-type: application/json' --data "@$WORK/row.json" "http://127.0.0.1:$PEER_PORT/predict")"

source "$ROOT/bench/serve/wrk_run.sh"
# run NAME URL CONNECTIONS PID
run() { wrk_run "$1" "$2" "$WORK/row.json" "$3" "$4"; }

echo "version $VERSION (XGBoost trees of the peer, from $CHAMPION's split and depth), wrk -t1" \
  "-d${SECONDS_PER_RUN}s on 127.0.0.1, servers on core $SERVER_CORE, wrk on core $WRK_CORE;" \
  "load average $(cut -d' ' -f1-3 /proc/loadavg)"
for c in $CONNECTIONS; do
  run "peer-c$c" "http://127.0.0.1:$PEER_PORT/predict" "$c" "$PEER_PID"
  run "riskpipe-c$c" "http://127.0.0.1:$SERVE_PORT/predict" "$c" "$SERVE_PID"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
for c in $CONNECTIONS; do
  awk -v c="$c" -v r="$(cat "$WORK/riskpipe-c$c.rps")" -v p="$(cat "$WORK/peer-c$c.rps")" \
    -v r99="$(cat "$WORK/riskpipe-c$c.p99")" -v p50="$(cat "$WORK/peer-c$c.p50")" 'BEGIN {
      printf "-c %s: riskpipe %.2f× the peer'"'"'s req/s (goal ≥ 5: %s); riskpipe p99 %.3f ms vs peer p50 %.3f ms (goal p99 ≤ p50: %s)\n",
        c, r / p, (r / p >= 5 ? "met" : "not met"), r99, p50, (r99 <= p50 ? "met" : "not met")
    }'
done
