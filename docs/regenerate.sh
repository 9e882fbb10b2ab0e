#!/usr/bin/env bash
# Regenerates every number the README and docs/reports cite, on the current commit: runs each
# shipped experiment spec (resuming what results/ already holds from this commit's runs), writes
# its report, copies what is committed of it into docs/reports/<name>/, and puts the Table 1
# table of the bundled demo into the README between its markers. ReadmeTableTest checks the last.
#
#   docs/regenerate.sh                      # every spec under experiments/
#   docs/regenerate.sh experiments/av_mnist_fsdd/table1.yaml ...
#
# Pass grid options through MLA4J_RUN_OPTIONS (e.g. MLA4J_RUN_OPTIONS="--jobs 2").
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$#" -eq 0 ]; then
  set -- experiments/*/*.yaml
fi
if [ -n "$(git status --porcelain --untracked-files=no)" ]; then
  echo "regenerate: commit first; every number must come from a commit" >&2
  exit 1
fi
commit="$(git rev-parse --short HEAD)"
for spec in "$@"; do
  out="$(./mla run "$spec" --dry-run --json | sed -n 's/^ *"out" *: *"\(.*\)",\{0,1\}$/\1/p' | head -1)"
  name="$(basename "$out")"
  echo "regenerate: $spec -> $out (commit $commit)" >&2
  start=$(date +%s)
  # shellcheck disable=SC2086
  ./mla run "$spec" ${MLA4J_RUN_OPTIONS:-}
  ./mla report "$out" --quiet
  seconds=$(( $(date +%s) - start ))
  target="docs/reports/$name"
  rm -rf "$target.tmp" && mkdir -p "$target.tmp"
  cp "$out/report.md" "$out/tables.md" "$out/accuracy.csv" "$out/analysis.json" "$target.tmp/"
  [ -d "$out/figures" ] && cp -r "$out/figures" "$target.tmp/"
  printf '%s\t%s\t%s\n' "$name" "$commit" "$seconds" > "$target.tmp/REGENERATED.tsv"
  rm -rf "$target" && mv "$target.tmp" "$target"
done
# The README's Table 1 is the demo report's table, verbatim.
table="docs/reports/av_mnist_fsdd-table1/tables.md"
if [ -f "$table" ]; then
  block="$(awk '/^\| method \|/{p=1} p&&/^\|/{print; next} p{exit}' "$table")"
  awk -v block="$block" '
    /<!-- table1:begin -->/ {print; print block; skip=1; next}
    /<!-- table1:end -->/ {skip=0}
    !skip {print}' README.md > README.md.tmp && mv README.md.tmp README.md
fi
echo "regenerate: done; review and commit docs/reports and README.md" >&2
