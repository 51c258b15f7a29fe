# Sourced by the wrk benches (run.sh, shadow.sh, peer/run.sh): one wrk run on its own core
# against a server pinned to another, so the two do not fight over one core.
# Expects WORK (a temp dir), SECONDS_PER_RUN and WRK_CORE to be set.

WRK_LUA="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/post.lua"

# cpu_ticks PID: user + system clock ticks of a process, all threads
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# ms TEXT: a wrk latency (512.00us, 1.20ms, 1.02s) in milliseconds
ms() { awk -v t="$1" 'BEGIN { v = t + 0; if (t ~ /us$/) v /= 1000; else if (t ~ /[0-9]s$/ && t !~ /ms$/) v *= 1000; printf "%.3f\n", v }'; }

# wrk_run NAME URL BODY CONNECTIONS PID: one wrk run (one thread, on core WRK_CORE); prints
# req/s, p50, p99 and the server's CPU µs per request (all its threads, from /proc/PID/stat),
# and writes WORK/NAME.{rps,p50,p99,cpu}
wrk_run() {
  local out before after rps p50 p99 errors requests cpu
  before=$(cpu_ticks "$5")
  out=$(BODY="$3" taskset -c "$WRK_CORE" wrk -t1 -c"$4" -d"${SECONDS_PER_RUN}s" --latency \
    -s "$WRK_LUA" "$2")
  after=$(cpu_ticks "$5")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  errors=$(awk '/Non-2xx/ {print $5}' <<<"$out")
  requests=$(awk '/requests in/ {print $1}' <<<"$out")
  cpu=$(awk -v t=$((after - before)) -v n="$requests" -v hz="$(getconf CLK_TCK)" \
    'BEGIN {printf "%.0f", t * 1e6 / hz / n}')
  printf '%-22s %10s req/s  p50 %9s  p99 %9s  non-2xx %s  server CPU %s µs/request\n' \
    "$1" "$rps" "$p50" "$p99" "${errors:-0}" "$cpu"
  echo "$rps" >"$WORK/$1.rps"
  ms "$p50" >"$WORK/$1.p50"
  ms "$p99" >"$WORK/$1.p99"
  echo "$cpu" >"$WORK/$1.cpu"
}
