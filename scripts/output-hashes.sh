#!/usr/bin/env bash
# Prints the SHA-256 of every file propdeck writes for the shipped examples
# and the test scenarios, with every option that changes output, so that a
# refactor can show its output is byte-identical: run it before and after
# and diff the two lists.
#
#   scripts/output-hashes.sh > /tmp/before.txt
#   (change the code)
#   scripts/output-hashes.sh > /tmp/after.txt && diff /tmp/before.txt /tmp/after.txt
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/propdeck" .
pd="$work/propdeck"
out="$work/out"
examples=$("$pd" examples | awk '{print $1}')
variants=(
  ""
  "--screen --screen-sealed --packets"
  "--duplex long-edge --badge-backs"
  "--duplex short-edge --back-offset 1.5,-0.5"
  "--fold"
  "--card a6 --paper letter"
  "--card poker --log-theme light --light-backs"
  "--bleed 2 --no-cut-marks"
)
for ex in $examples testdata/accents.toml; do
  name=$(basename "$ex" .toml)
  for i in "${!variants[@]}"; do
    # shellcheck disable=SC2086
    "$pd" build "$ex" -o "$out/$name/build-$i" ${variants[$i]} >/dev/null 2>&1 || echo "build $ex ${variants[$i]}: failed" >&2
  done
  "$pd" export "$ex" -o "$out/$name/png" --dpi 100 --contact-sheet >/dev/null
  "$pd" export "$ex" -o "$out/$name/svg" --format svg >/dev/null
  "$pd" board "$ex" -o "$out/$name/board" >/dev/null
  "$pd" board "$ex" -o "$out/$name/board-tldraw" --format tldraw >/dev/null
  "$pd" msel "$ex" -o "$out/$name/msel.csv" >/dev/null
  "$pd" msel "$ex" --hseep -o "$out/$name/msel-hseep.csv" >/dev/null
  "$pd" premortem "$ex" -o "$out/$name/premortem" >/dev/null
  if "$pd" examples | awk '{print $1}' | grep -qx "$name"; then
    mkdir -p "$out/$name/record"
    (cd "$out/$name/record" && "$pd" record "$name" -o record.toml >/dev/null)
  fi
  if [ -f "internal/report/testdata/good/$name.toml" ]; then
    "$pd" report "$ex" "internal/report/testdata/good/$name.toml" -o "$out/$name/report" >/dev/null
  fi
done
for lang in en ko; do
  "$pd" worksheets -o "$out/blank" --lang "$lang" >/dev/null
  "$pd" premortem -o "$out/premortem-$lang" --lang "$lang" >/dev/null
  "$pd" calibrate -o "$out/calibrate-$lang" --lang "$lang" >/dev/null 2>&1 || true
  mkdir -p "$out/init-$lang"
  (cd "$out/init-$lang" && "$pd" init --lang "$lang" drill.toml >/dev/null)
  "$pd" init --from-premortem internal/premortem/testdata/record.toml -o "$out/starters-$lang" --lang "$lang" >/dev/null
done
"$pd" synthetic --clues 200 > "$work/synthetic.toml"
"$pd" build "$work/synthetic.toml" -o "$out/synthetic" --screen --packets >/dev/null
# Imports name their input files in the output: copy them to fixed names
# first, so that moving the test data does not change a hash.
mkdir -p "$work/in"
cp internal/importer/testdata/timeline/pagerduty.csv internal/importer/testdata/backstage/catalog-info.yaml internal/importer/testdata/backstage/more.yaml "$work/in/"
(cd "$work/in" && "$pd" import timeline pagerduty.csv --t0 2018-10-21T22:52:00Z -o "$out/import/pd.toml" >/dev/null &&
  "$pd" import backstage catalog-info.yaml more.yaml -o "$out/import/catalog.toml" >/dev/null 2>&1)
(cd "$out" && find . -type f | LC_ALL=C sort | xargs sha256sum)
