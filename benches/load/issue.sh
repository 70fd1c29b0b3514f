#!/usr/bin/env bash
# Issue throughput over HTTP against plain render throughput (BENCHMARKS.md,
# "Document register"). For each backend (SQLite file; PostgreSQL when
# PG_URL names a server where the role may create databases), starts
# `dangvu serve --db …`, declares the organisation's term, then alternates
# runs of `POST …/render?format=pdf` and `POST …/issue?format=pdf` at
# concurrency 8 (wrk -t2 -c8), every body distinct (benches/load/render.lua
# changes a member's name per request; the issued case has no number, so
# each issue allocates the next one). Prints each run's RESULT line and the
# issue/render ratio of the medians; and, less noisy than requests a second
# on a shared host, the CPU each document cost: the server's (from
# /proc/PID/stat) and, for a local PostgreSQL, the server processes'.
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${BIN:-./target/release/dangvu}
FORM=nghi-quyet-dua-vao-dien-giup-do
SECONDS_PER_RUN=${SECONDS_PER_RUN:-10}
ROUNDS=${ROUNDS:-3}
PG_URL=${PG_URL:-postgres://dangvu:dangvu@127.0.0.1:5432/dangvu_test}
command -v wrk >/dev/null || { echo "wrk is required (apt-get install wrk)"; exit 1; }
[ -x "$BIN" ] || cargo build --release --locked --bin dangvu
tmp=$(mktemp -d)
pid=
pg_db=
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null
  [ -n "$pg_db" ] && psql "$PG_URL" -qc "DROP DATABASE IF EXISTS $pg_db WITH (FORCE)" >/dev/null 2>&1
  rm -rf "$tmp"
}
trap cleanup EXIT
"$BIN" example "$FORM" > "$tmp/case.json"
# The issued case leaves its number out.
python3 -c 'import json,sys; c=json.load(open(sys.argv[1])); del c["van_ban"]["so"]; print(json.dumps(c, ensure_ascii=False, indent=2))' \
  "$tmp/case.json" > "$tmp/issue.json"
org=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["to_chuc"]["ten"])' "$tmp/case.json")

# CPU ticks (1/100 s) used so far by a process, and by the PostgreSQL server.
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
pg_ticks() {
  local t=0 p
  for p in $(pgrep -u postgres 2>/dev/null); do
    t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0)))
  done
  echo "$t"
}
load() { # $1 url, $2 case file, $3 number base; appends "rps dangvu_ms pg_ms" a document to $4
  local d0 p0 result n
  d0=$(ticks "$pid"); p0=$(pg_ticks)
  result=$(wrk -t2 -c8 -d"${SECONDS_PER_RUN}"s -s benches/load/render.lua "$1" -- "$2" "$3" 0 | grep '^RESULT')
  n=$(echo "$result" | sed -n 's/.* ok=\([0-9]*\).*/\1/p')
  echo "$result" | rps | tr '\n' ' ' >>"$4"
  awk -v d="$(( $(ticks "$pid") - d0 ))" -v p="$(( $(pg_ticks) - p0 ))" -v n="$n" \
    'BEGIN {printf "%.3f %.3f\n", d * 10 / n, p * 10 / n}' >>"$4"
  echo "$result"
}
rps() { sed -n 's/.* rps=\([0-9.]*\).*/\1/p'; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

backends="sqlite:$tmp/so-van-ban.sqlite3"
if psql "$PG_URL" -qtAc 'SELECT 1' >/dev/null 2>&1; then
  pg_db="dangvu_bench_$$"
  psql "$PG_URL" -qc "CREATE DATABASE $pg_db" >/dev/null
  backends="$backends postgres:${PG_URL%/*}/$pg_db"
else
  echo "PostgreSQL not reachable at PG_URL: measuring SQLite only"
fi

for backend in $backends; do
  name=${backend%%:*}; db=${backend#*:}
  : >"$tmp/out"
  "$BIN" serve --port 0 --db "$db" >"$tmp/out" 2>"$tmp/log" &
  pid=$!
  for _ in $(seq 200); do [ -s "$tmp/out" ] && break; sleep 0.05; done
  base=$(sed -n 's/^listening on //p' "$tmp/out")
  curl -sf -o /dev/null -H 'Content-Type: application/json' \
    -d "{\"to_chuc\": \"$org\", \"bat_dau\": \"2020-01-01\"}" "$base/v1/register/terms"
  echo "== $name: $base, concurrency 8, ${SECONDS_PER_RUN} s a run"
  load "$base/v1/forms/$FORM/render?format=pdf" "$tmp/case.json" 1000000 /dev/null >/dev/null  # warm-up
  : >"$tmp/render"; : >"$tmp/issue"
  for round in $(seq "$ROUNDS"); do
    r=$(load "$base/v1/forms/$FORM/render?format=pdf" "$tmp/case.json" $((round * 10000000)) "$tmp/render")
    i=$(load "$base/v1/forms/$FORM/issue?format=pdf" "$tmp/issue.json" $((round * 10000000 + 5000000)) "$tmp/issue")
    echo "render: $r"; echo "issue:  $i"
  done
  mr=$(cut -d' ' -f1 "$tmp/render" | median); mi=$(cut -d' ' -f1 "$tmp/issue" | median)
  cr=$(cut -d' ' -f2 "$tmp/render" | median); ci=$(cut -d' ' -f2 "$tmp/issue" | median)
  cp=0
  [ "$name" = postgres ] && cp=$(cut -d' ' -f3 "$tmp/issue" | median)
  issued=$(curl -sf "$base/v1/register" | python3 -c 'import json,sys; d=json.load(sys.stdin); n=sorted(e["number"] for e in d); print(len(n), "documents, numbers 1..%d without gap:" % len(n), n == list(range(1, len(n)+1)))')
  echo "$name: render median $mr /s, issue median $mi /s, ratio $(awk -v a="$mi" -v b="$mr" 'BEGIN {printf "%.2f", a/b}'); register: $issued"
  echo "$name: CPU a document (medians): render ${cr} ms; issue ${ci} ms in dangvu + ${cp} ms in PostgreSQL; CPU ratio $(awk -v r="$cr" -v i="$ci" -v p="$cp" 'BEGIN {printf "%.2f", r/(i+p)}')"
  statuses=$(grep -o 'status=[0-9]*' "$tmp/log" | sort | uniq -c | tr '\n' ' ')
  echo "statuses in the server log: $statuses"
  kill -TERM "$pid"; wait "$pid" || true
  pid=
done
