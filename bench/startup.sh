#!/usr/bin/env bash
# Start-up of `./mla train` (issue 16: at most 2 s between start and the first epoch), with the
# launcher's class-data archive on and off, alternately, N rounds. Per run it records the wall time
# from the shell to the "first epoch starts" log line (JVM start, engine load, data, model set-up) and
# the whole one-epoch command. Prints the medians; writes every measurement as CSV.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
rounds=5
out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    -h|--help)
      echo "usage: bench/startup.sh [--rounds N (default 5)] [--out FILE.csv (default runs/startup/<time>.csv)]"
      exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
out="${out:-$root/runs/startup/$(date +%Y%m%d-%H%M%S).csv}"
mkdir -p "$(dirname "$out")"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

# Build the jar and the archive first, so that no measurement includes them.
"$root/mla" --version >/dev/null

one() {  # $1 = 1 (archive on) or 0 (off); prints "to_first_epoch_s,total_s"
  local start first end
  start=$(date +%s%N)
  first=""
  while IFS= read -r line; do
    if [ -z "$first" ] && [[ "$line" == *"first epoch starts"* ]]; then
      first=$(date +%s%N)
    fi
  done < <(MLA4J_CDS="$1" "$root/mla" train --epochs 1 --out "$scratch/run" --force -v 2>&1)
  end=$(date +%s%N)
  [ -n "$first" ] || { echo "no 'first epoch starts' line from ./mla train -v" >&2; exit 1; }
  awk -v s="$start" -v f="$first" -v e="$end" 'BEGIN { printf "%.3f,%.3f\n", (f - s) / 1e9, (e - s) / 1e9 }'
}

echo "round,archive,to_first_epoch_s,total_s" > "$out.tmp"
for r in $(seq 1 "$rounds"); do
  # alternate which setting goes first, so that a trend in the machine's load hits both alike
  if [ $((r % 2)) = 1 ]; then order="1 0"; else order="0 1"; fi
  for cds in $order; do
    echo "$r,$([ "$cds" = 1 ] && echo on || echo off),$(one "$cds")" >> "$out.tmp"
  done
done
mv "$out.tmp" "$out"

python3 - "$out" <<'EOF'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1])))
print(f"{'archive':<8} {'runs':>4} {'to first epoch (median, min-max)':>34} {'one-epoch train (median)':>26}")
for setting in ("on", "off"):
    r = [x for x in rows if x["archive"] == setting]
    f = [float(x["to_first_epoch_s"]) for x in r]
    t = [float(x["total_s"]) for x in r]
    print(f"{setting:<8} {len(r):>4} {statistics.median(f):>20.2f} s ({min(f):.2f}-{max(f):.2f}) "
          f"{statistics.median(t):>24.2f} s")
print(f"measurements: {sys.argv[1]}")
EOF
