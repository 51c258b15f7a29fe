#!/usr/bin/env bash
# What a shadow release costs the champion's answer: `/predict` p50 and p99 of one server
# serving @champion alone beside one serving it in a shadow release (the challenger scores
# every request after the answer is sent), on loopback with wrk. The issue's goal: shadow
# adds at most 15% to the champion's p50.
#
#   bench/serve/shadow.sh [repo dir with a repro'd data/ (default .)] [seconds per run (default 5)] [rounds (default 3)]
#
# The challenger is the champion's own version (`challenger: vNNNN`), so the shadow side
# does the same work twice and nothing else differs. Both servers run on core 0 and wrk on
# core 1 (taskset); the sides alternate which goes first in each round, and the medians of
# the rounds are compared. CONNECTIONS (default "1 4") lists the wrk -c values.
set -euo pipefail
REPO=$(cd "${1:-.}" && pwd)
SECONDS_PER_RUN=${2:-5}
ROUNDS=${3:-3}
CONNECTIONS=${CONNECTIONS:-"1 4"}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
REGISTRY="$REPO/data/registry"
SERVER_CORE=0
WRK_CORE=1
SINGLE_PORT=18280
SHADOW_PORT=18281
WORK=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

cd "$ROOT"
VERSION=$(deno run -A lib/cli/registry.ts aliases --json --registry "$REGISTRY" |
  sed -nE 's/ *"champion": "(v[0-9]+)".*/\1/p')
deno run -A bench/serve/payloads.ts "$REPO" "$REGISTRY/versions/$VERSION" "$WORK" 1 >/dev/null 2>&1
printf 'mode: shadow\nchallenger: "%s"\n' "$VERSION" >"$WORK/shadow.yaml"

# serve NAME PORT [ARGS…]: a server on core SERVER_CORE, its pid in WORK/NAME.pid
serve() {
  local name=$1 port=$2
  shift 2
  taskset -c "$SERVER_CORE" deno run -A serve/main.ts --port "$port" --registry "$REGISTRY" \
    --log-db "$WORK/$name.db" --no-watch "$@" >/dev/null 2>"$WORK/$name.log" &
  pids+=($!)
  echo $! >"$WORK/$name.pid"
}
serve single "$SINGLE_PORT"
serve shadow "$SHADOW_PORT" --release "$WORK/shadow.yaml"
for port in $SINGLE_PORT $SHADOW_PORT; do
  ok=
  for _ in $(seq 200); do
    if curl -sf -o /dev/null -XPOST -H 'content-type: application/json' --data "@$WORK/row.json" \
      "http://127.0.0.1:$port/predict"; then ok=1 && break; fi
    sleep 0.1
  done
  [ -n "$ok" ] || { echo "shadow.sh: nothing answers /predict on port $port" >&2; cat "$WORK"/*.log >&2; exit 1; }
done
grep -h "serve: release" "$WORK/shadow.log"

source "$HERE/wrk_run.sh"
# side NAME PORT C ROUND: one wrk run against one side
side() { wrk_run "$1-c$3-r$4" "http://127.0.0.1:$2/predict" "$WORK/row.json" "$3" "$(cat "$WORK/$1.pid")"; }
median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

echo "version $VERSION shadowed by itself; wrk -t1 -d${SECONDS_PER_RUN}s, $ROUNDS rounds; servers on core" \
  "$SERVER_CORE, wrk on core $WRK_CORE; load average $(cut -d' ' -f1-3 /proc/loadavg)"
for c in $CONNECTIONS; do
  # A warm-up run each, not counted.
  SECONDS_PER_RUN=2 side single "$SINGLE_PORT" "$c" warm >/dev/null
  SECONDS_PER_RUN=2 side shadow "$SHADOW_PORT" "$c" warm >/dev/null
  for r in $(seq "$ROUNDS"); do
    if [ $((r % 2)) -eq 1 ]; then
      side single "$SINGLE_PORT" "$c" "$r"
      side shadow "$SHADOW_PORT" "$c" "$r"
    else
      side shadow "$SHADOW_PORT" "$c" "$r"
      side single "$SINGLE_PORT" "$c" "$r"
    fi
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
curl -s "http://127.0.0.1:$SHADOW_PORT/metrics" | grep -E '^riskpipe_shadow_failures_total' || true
for c in $CONNECTIONS; do
  for stat in p50 p99 cpu; do
    single=$(cat "$WORK"/single-c"$c"-r[0-9]*."$stat" | median)
    shadow=$(cat "$WORK"/shadow-c"$c"-r[0-9]*."$stat" | median)
    awk -v c="$c" -v s="$stat" -v a="$single" -v b="$shadow" 'BEGIN {
      unit = (s == "cpu" ? "µs CPU/request" : "ms");
      printf "-c %s %s: alone %s %s, with a shadow %s %s: +%.1f%%%s\n", c, s, a, unit, b, unit,
        100 * (b / a - 1), (s == "p50" ? (b / a <= 1.15 ? " (goal ≤ 15%: met)" : " (goal ≤ 15%: not met)") : "")
    }'
  done
done
