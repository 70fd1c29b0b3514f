#!/usr/bin/env bash
# Load benchmark of `dangvu serve` on loopback (see BENCHMARKS.md, "HTTP service").
# For PDF and DOCX in turn, starts the server (the dist build unless BIN says
# otherwise, e.g. the profile-guided one of deploy/pgo-build.sh) and sends, at
# concurrency 8 (wrk -t2 -c8), every body distinct, a first run of at least
# 1,000 requests, then a second run timed (from the first run's rate) to bring
# the total to about 20,000; prints throughput, p50/p99 latency and the
# server's VmRSS before, after the first run and at the end. wrk runs by
# duration, so the counts printed are the real ones.
set -euo pipefail
cd "$(dirname "$0")/../.."
# The dist build (Cargo.toml, [profile.dist]); BIN=… measures another.
BIN=${BIN:-./target/dist/dangvu}
FORM=nghi-quyet-dua-vao-dien-giup-do
WARM=${WARM:-1000}
MAIN=${MAIN:-19000}
THREADS=2
CONC=${CONC:-8}
FORMATS=${FORMATS:-pdf docx}
command -v wrk >/dev/null || { echo "wrk is required (apt-get install wrk)"; exit 1; }
[ -x "$BIN" ] || cargo build --profile dist --locked --bin dangvu
tmp=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT
# The example, pretty-printed so the Lua substitutions find `"so": 3`.
"$BIN" example "$FORM" > "$tmp/case.json"
grep -q '"so": 3' "$tmp/case.json"

rss() { awk '/VmRSS/ {printf "%.1f", $2/1024}' "/proc/$pid/status"; }
load() { # $1 url, $2 number base, $3 seconds
  wrk -t"$THREADS" -c"$CONC" -d"$3"s -s benches/load/render.lua "$1" -- \
    "$tmp/case.json" "$2" 0 | grep '^RESULT'
}
field() { sed -n "s/.* $1=\([0-9.]*\).*/\1/p"; }

for format in $FORMATS; do
  : >"$tmp/out"
  "$BIN" serve --port 0 >"$tmp/out" 2>"$tmp/log.$format" &
  pid=$!
  for _ in $(seq 200); do [ -s "$tmp/out" ] && break; sleep 0.05; done
  url="$(sed -n 's/^listening on //p' "$tmp/out")/v1/forms/$FORM/render?format=$format"
  echo "== $format: POST $url, concurrency $CONC"
  echo "rss_start_mib=$(rss)"
  first=$(load "$url" 10000000 "${WARM_SECONDS:-8}")
  echo "first run:  $first"
  echo "rss_after_first_run_mib=$(rss)"
  n1=$(echo "$first" | field requests); rps=$(echo "$first" | field rps)
  secs=$(awk -v n="$n1" -v r="$rps" -v t="$((WARM + MAIN))" 'BEGIN { s = (t - n) / r; print (s < 1 ? 1 : int(s + 1)) }')
  second=$(load "$url" 20000000 "$secs")
  echo "second run: $second"
  echo "total requests: $((n1 + $(echo "$second" | field requests)))"
  echo "rss_end_mib=$(rss)"
  statuses=$(grep -o 'status=[0-9]*' "$tmp/log.$format" | sort | uniq -c | tr '\n' ' ')
  echo "statuses in the server log: $statuses"
  kill -TERM "$pid"; wait "$pid" || true
  pid=
done
