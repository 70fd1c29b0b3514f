#!/usr/bin/env bash
# The build to deploy: profile-guided (README, "HTTP service"; BENCHMARKS.md).
#   1. builds the dist profile instrumented (target/pgo-gen);
#   2. trains it on what a ward's service does: the load of
#      benches/load/run.sh (distinct cases, PDF then DOCX, over HTTP), every
#      form's example as PDF and DOCX, and a quarterly pack;
#   3. merges the profiles and builds the dist profile with them:
#      target/pgo/<host>/dist/dangvu, the binary to deploy.
# Two dist builds: about 40 minutes on 2 cores. Needs wrk and rustup's
# llvm-tools component (for llvm-profdata matching rustc's LLVM).
set -euo pipefail
cd "$(dirname "$0")/.."
host=$(rustc -vV | sed -n 's/^host: //p')
profdata="$(rustc --print sysroot)/lib/rustlib/$host/bin/llvm-profdata"
[ -x "$profdata" ] || { echo "llvm-profdata is missing: rustup component add llvm-tools"; exit 1; }
command -v wrk >/dev/null || { echo "wrk is required (apt-get install wrk)"; exit 1; }

data="$PWD/target/pgo-data"
rm -rf "$data"
mkdir -p "$data"
# `--target` keeps the flags off build scripts and proc macros: only what
# goes into the binary (ours, Typst, krilla, …) is instrumented, then optimised.
build() { # $1 rustflags, $2 target dir
  RUSTFLAGS="$1" cargo build --profile dist --locked --bin dangvu --target "$host" --target-dir "$2"
}

echo "== 1/3 instrumented build"
build "-Cprofile-generate=$data" target/pgo-gen
gen="target/pgo-gen/$host/dist/dangvu"

echo "== 2/3 training"
export LLVM_PROFILE_FILE="$data/%p-%m.profraw"
BIN="$gen" WARM=1000 MAIN=3000 benches/load/run.sh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for form in $("$gen" forms); do
  "$gen" example "$form" >"$work/case.json"
  for format in pdf docx; do
    "$gen" render "$form" "$work/case.json" -o "$work/out.$format"
  done
done
"$gen" demo-data --branches 12 --members 600 -o "$work/committee.json"
"$gen" pack "$work/committee.json" -o "$work/pack.zip"
unset LLVM_PROFILE_FILE
"$profdata" merge -o "$data/merged.profdata" "$data"/*.profraw

echo "== 3/3 optimised build"
build "-Cprofile-use=$data/merged.profdata" target/pgo
echo "built target/pgo/$host/dist/dangvu"
