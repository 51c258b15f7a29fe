#!/bin/sh
# Full-scale synthetic generation (307,511 applicants, ~58M rows) timed with peak RSS.
# Usage: bench/data/generate_full.sh [applicants] [outDir]   (run from the repo root)
set -eu
applicants="${1:-307511}"
out="${2:-$(mktemp -d /tmp/riskpipe-generate-full-XXXXXX)}"
/usr/bin/time -v deno run -A bench/data/generate_full.ts "$applicants" "$out" 2>"$out.time"
grep -E "Elapsed \(wall clock\)|Maximum resident set size|Percent of CPU" "$out.time"
du -sh "$out"
