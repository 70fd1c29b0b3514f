#!/usr/bin/env bash
# Whole-process render of the example resolution to PDF, beside LibreOffice
# headless converting our DOCX of the same case to PDF (what offices do today).
# Usage: benches/process.sh   (after cargo build --release; needs hyperfine, soffice)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=target/release/dangvu
form=nghi-quyet-dua-vao-dien-giup-do
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
$bin example $form > "$work/case.json"
$bin render $form "$work/case.json" -o "$work/case.docx"
profile="$work/lo-profile"
# Warm LibreOffice's profile once so the comparison is of conversions, not first start.
soffice -env:UserInstallation=file://$profile --headless --convert-to pdf --outdir "$work" "$work/case.docx" >/dev/null 2>&1
hyperfine --warmup 3 --runs "${RUNS:-20}" --export-json "$work/h.json" \
  -n dangvu-render-pdf "$bin render $form $work/case.json -o $work/out.pdf" \
  -n libreoffice-docx-to-pdf "soffice -env:UserInstallation=file://$profile --headless --convert-to pdf --outdir $work/lo $work/case.docx"
python3 - "$work/h.json" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
d, l = r["dangvu-render-pdf"]["median"], r["libreoffice-docx-to-pdf"]["median"]
print(f"median dangvu {d*1000:.1f} ms, LibreOffice {l*1000:.0f} ms, ratio {l/d:.0f}x")
PY
