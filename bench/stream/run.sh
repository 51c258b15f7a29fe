#!/usr/bin/env bash
# JetStream benchmark on loopback, the issue's goal: publish ≥ 20,000 events/s, and
# /predict p99 unchanged within noise with streaming on. Starts its own `nats-server -js`
# (Debian; RISKPIPE_NATS_SERVER or the PATH) with a temp store, then:
#   1. bench/stream/publish.ts: events/s through the server's publisher, none dropped;
#   2. `deno task serve` twice on the same model, without and with NATS_URL, wrk on /predict
#      at -c 4 and -c 20, off and on alternately (twice each), p50/p99 side by side, then the
#      streamed server's riskpipe_stream_* counters (published must equal the rows scored).
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
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
cd "$ROOT"

"$NATS" -js -a 127.0.0.1 -p "$NATS_PORT" -sd "$WORK/nats" 2>"$WORK/nats.log" &
pids+=($!)
for _ in $(seq 100); do grep -q "Server is ready" "$WORK/nats.log" && break; sleep 0.1; done
NATS_URL="nats://127.0.0.1:$NATS_PORT"

echo "== 1. JetStream publish throughput ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
deno run -A bench/stream/publish.ts "$NATS_URL" "$EVENTS" 100 || echo "(goal missed or events dropped)"

echo "== 2. /predict latency with streaming off and on"
VERSION=$(deno run -A lib/cli/registry.ts aliases --json --registry "$REGISTRY" |
  sed -nE 's/ *"champion": "(v[0-9]+)".*/\1/p')
deno run -A bench/serve/payloads.ts "$REPO" "$REGISTRY/versions/$VERSION" "$WORK" 10 >/dev/null 2>&1
deno run -A serve/main.ts --port "$OFF_PORT" --registry "$REGISTRY" --log-db "$WORK/off.db" \
  --no-watch --no-access-log 2>"$WORK/off.log" &
pids+=($!)
NATS_URL="$NATS_URL" deno run -A serve/main.ts --port "$ON_PORT" --registry "$REGISTRY" \
  --log-db "$WORK/on.db" --no-watch --no-access-log 2>"$WORK/on.log" &
pids+=($!)
for port in $OFF_PORT $ON_PORT; do
  for _ in $(seq 100); do
    curl -s -o /dev/null -XPOST -H 'content-type: application/json' --data "@$WORK/row.json" \
      "http://127.0.0.1:$port/predict" && break
    sleep 0.1
  done
done

# run NAME PORT CONNECTIONS: one wrk run on /predict, prints "NAME req/s p50 p99 non-2xx"
run() {
  local out
  out=$(BODY="$WORK/row.json" wrk -t2 -c"$3" -d"${SECONDS_PER_RUN}s" --latency \
    -s "$ROOT/bench/serve/post.lua" "http://127.0.0.1:$2/predict")
  printf '%-20s %10s req/s  p50 %8s  p99 %8s  non-2xx %s\n' "$1" \
    "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" "$(awk '$1 == "50%" {print $2}' <<<"$out")" \
    "$(awk '$1 == "99%" {print $2}' <<<"$out")" "$(awk '/Non-2xx/ {print $5}' <<<"$out" || true)"
}
for c in 4 20; do
  for round in 1 2; do
    run "off-c$c-#$round" "$OFF_PORT" "$c"
    run "on-c$c-#$round" "$ON_PORT" "$c"
  done
done
sleep 1 # the publisher's last timed flush (200 ms)
echo "== streamed server: rows logged and events published"
curl -s "http://127.0.0.1:$ON_PORT/metrics" |
  grep -E '^riskpipe_(inference_log_written_total|stream_(published|dropped|failures)_total|stream_pending)' || true
