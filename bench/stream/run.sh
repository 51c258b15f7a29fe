#!/usr/bin/env bash
# JetStream benchmark on loopback, the issue's goal: publish ≥ 20,000 events/s, and
# /predict p99 unchanged within noise with streaming on. Starts its own `nats-server -js`
# (Debian; RISKPIPE_NATS_SERVER or the PATH) with a temp store, then:
#   1. bench/stream/publish.ts: events/s through the server's publisher, none dropped;
#   2. `deno task serve` twice on the same model, without and with NATS_URL, wrk on /predict
#      at -c 4 and -c 20, off and on alternately (twice each), p50/p99 side by side, then the
#      streamed server's riskpipe_stream_* counters (published must equal the rows scored).
#      The servers run on core 0; wrk (one thread) and nats-server, which would sit on
#      another machine in production, on core 1 (taskset).
#
#   bench/stream/run.sh [repo dir with a repro'd data/ (default .)] [seconds per run (default 10)] [events (default 200000)]
set -euo pipefail
REPO=$(cd "${1:-.}" && pwd)
SECONDS_PER_RUN=${2:-10}
EVENTS=${3:-200000}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
REGISTRY="$REPO/data/registry"
NATS=${RISKPIPE_NATS_SERVER:-nats-server}
NATS_PORT=14222
OFF_PORT=18090
ON_PORT=18091
WORK=$(mktemp -d)
SERVER_CORE=0
WRK_CORE=1
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
cd "$ROOT"

taskset -c "$WRK_CORE" "$NATS" -js -a 127.0.0.1 -p "$NATS_PORT" -sd "$WORK/nats" 2>"$WORK/nats.log" &
pids+=($!)
for _ in $(seq 100); do grep -q "Server is ready" "$WORK/nats.log" && break; sleep 0.1; done
NATS_URL="nats://127.0.0.1:$NATS_PORT"

echo "== 1. JetStream publish throughput ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
deno run -A bench/stream/publish.ts "$NATS_URL" "$EVENTS" 100 || echo "(goal missed or events dropped)"

echo "== 2. /predict latency with streaming off and on"
VERSION=$(deno run -A lib/cli/registry.ts aliases --json --registry "$REGISTRY" |
  sed -nE 's/ *"champion": "(v[0-9]+)".*/\1/p')
deno run -A bench/serve/payloads.ts "$REPO" "$REGISTRY/versions/$VERSION" "$WORK" 10 >/dev/null 2>&1
taskset -c "$SERVER_CORE" deno run -A serve/main.ts --port "$OFF_PORT" --registry "$REGISTRY" --log-db "$WORK/off.db" \
  --no-watch --no-access-log 2>"$WORK/off.log" &
pids+=($!)
OFF_PID=$!
NATS_URL="$NATS_URL" taskset -c "$SERVER_CORE" deno run -A serve/main.ts --port "$ON_PORT" --registry "$REGISTRY" \
  --log-db "$WORK/on.db" --no-watch --no-access-log 2>"$WORK/on.log" &
pids+=($!)
ON_PID=$!
for port in $OFF_PORT $ON_PORT; do
  for _ in $(seq 100); do
    curl -s -o /dev/null -XPOST -H 'content-type: application/json' --data "@$WORK/row.json" \
      "http://127.0.0.1:$port/predict" && break
    sleep 0.1
  done
done

source "$ROOT/bench/serve/wrk_run.sh"
for c in 4 20; do
  for round in 1 2; do
    wrk_run "off-c$c-#$round" "http://127.0.0.1:$OFF_PORT/predict" "$WORK/row.json" "$c" "$OFF_PID"
    wrk_run "on-c$c-#$round" "http://127.0.0.1:$ON_PORT/predict" "$WORK/row.json" "$c" "$ON_PID"
  done
done
sleep 1 # the publisher's last timed flush (200 ms)
echo "== streamed server: rows logged and events published"
curl -s "http://127.0.0.1:$ON_PORT/metrics" |
  grep -E '^riskpipe_(inference_log_written_total|stream_(published|dropped|failures)_total|stream_pending)' || true
