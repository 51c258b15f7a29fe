#!/usr/bin/env bash
# Side-by-side scoring benchmark with wrk on loopback: `deno task serve` (serve/main.ts)
# against the bare Hono + onnxruntime handler (bench/serve/bare.ts) on the same model.
#
#   bench/serve/run.sh [repo dir with a repro'd data/ (default .)] [seconds per run (default 10)]
#
# Prints /predict req/s, p50 and p99 at -c 20 and -c 4 for both, /predict/batch rows/s
# against raw onnxruntime rows/s, and /explain p99. Both servers run on core 0 and wrk
# (one thread) on core 1 (taskset), so wrk does not take the server's core. Each run also
# prints the server process's CPU time per request (all its threads: HTTP, JS,
# onnxruntime, the SQLite log worker, GC), which other load on the machine disturbs far
# less than req/s.
set -euo pipefail
REPO=$(cd "${1:-.}" && pwd)
SECONDS_PER_RUN=${2:-10}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
REGISTRY="$REPO/data/registry"
VERSION=$(cd "$ROOT" && deno run -A lib/cli/registry.ts aliases --json --registry "$REGISTRY" |
  sed -nE 's/ *"champion": "(v[0-9]+)".*/\1/p')
VERSION_DIR="$REGISTRY/versions/$VERSION"
WORK=$(mktemp -d)
SERVE_PORT=18080
BARE_PORT=18081
BATCH_ROWS=1000
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
deno run -A bench/serve/payloads.ts "$REPO" "$VERSION_DIR" "$WORK" "$BATCH_ROWS" 2>/dev/null | tee "$WORK/raw.txt"
taskset -c "$SERVER_CORE" deno run -A serve/main.ts --port "$SERVE_PORT" --registry "$REGISTRY" --log-db "$WORK/log.db" \
  --no-watch >/dev/null 2>"$WORK/serve.log" &
pids+=($!)
SERVE_PID=$!
taskset -c "$SERVER_CORE" deno run -A bench/serve/bare.ts "$VERSION_DIR" "$BARE_PORT" 2>"$WORK/bare.log" &
pids+=($!)
BARE_PID=$!
for port in $SERVE_PORT $BARE_PORT; do
  for _ in $(seq 100); do
    curl -s -o /dev/null -XPOST -H 'content-type: application/json' --data "@$WORK/row.json" \
      "http://127.0.0.1:$port/predict" && break
    sleep 0.1
  done
done

source "$HERE/wrk_run.sh"

echo "model $VERSION ($VERSION_DIR), wrk -t1 -d${SECONDS_PER_RUN}s on 127.0.0.1, servers on core $SERVER_CORE," \
  "wrk on core $WRK_CORE; load average $(cut -d' ' -f1-3 /proc/loadavg)"
for c in 20 4; do
  wrk_run "bare-predict-c$c" "http://127.0.0.1:$BARE_PORT/predict" "$WORK/row.json" "$c" "$BARE_PID"
  wrk_run "serve-predict-c$c" "http://127.0.0.1:$SERVE_PORT/predict" "$WORK/row.json" "$c" "$SERVE_PID"
done
wrk_run "bare-batch-c4" "http://127.0.0.1:$BARE_PORT/predict/batch" "$WORK/batch.json" 4 "$BARE_PID"
wrk_run "serve-batch-c4" "http://127.0.0.1:$SERVE_PORT/predict/batch" "$WORK/batch.json" 4 "$SERVE_PID"
wrk_run "serve-explain-c4" "http://127.0.0.1:$SERVE_PORT/explain" "$WORK/row.json" 4 "$SERVE_PID"
# Every scored row must have reached the log (none dropped, nothing left pending).
sleep 1
curl -s "http://127.0.0.1:$SERVE_PORT/metrics" | grep -E '^riskpipe_inference_log_(written|dropped)' || true

ratio() { awk -v a="$(cat "$WORK/$1.rps")" -v b="$(cat "$WORK/$2.rps")" 'BEGIN {printf "%.2f", a / b}'; }
raw=$(sed -E 's/raw onnxruntime: ([0-9]+) rows.*/\1/' "$WORK/raw.txt")
batch_rows=$(awk -v r="$(cat "$WORK/serve-batch-c4.rps")" -v n="$BATCH_ROWS" 'BEGIN {printf "%d", r * n}')
bare_rows=$(awk -v r="$(cat "$WORK/bare-batch-c4.rps")" -v n="$BATCH_ROWS" 'BEGIN {printf "%d", r * n}')
echo "predict/bare at -c 20: $(ratio serve-predict-c20 bare-predict-c20)×; at -c 4: $(ratio serve-predict-c4 bare-predict-c4)×"
echo "batch: $batch_rows rows/s (batches of $BATCH_ROWS) vs raw onnxruntime $raw rows/s: $(awk -v a="$batch_rows" -v b="$raw" 'BEGIN {printf "%.2f", a / b}')×"
echo "bare batch (JSON parse + one onnxruntime run): $bare_rows rows/s: $(awk -v a="$bare_rows" -v b="$raw" 'BEGIN {printf "%.2f", a / b}')× raw onnxruntime; serve batch is $(ratio serve-batch-c4 bare-batch-c4)× the bare batch"
