#!/usr/bin/env bash
# The per-epoch validation's share of training (issue 16: "the per-epoch evaluation is a small share of
# an epoch"). Trains each method once with its own recipe (one seed, one engine thread, the launcher's
# settings) and reads its history.csv: every epoch's seconds and the part of them spent calibrating on
# and evaluating the validation split (validation_seconds). Prints one row per method, writes a CSV.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
data="$root/data/av_mnist_fsdd"
rate="0.3"
methods="mla,sum,concat,late,film,bigated,ogm-ge,qmf,cca,dcca,dccae,ae,cra,mmin,if-mmin,cpm-net,tate"
out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --data) data="$2"; shift 2 ;;
    --missing-rate) rate="$2"; shift 2 ;;
    --methods) methods="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    -h|--help)
      cat <<EOF
usage: bench/validation_share.sh [--data DIR (default data/av_mnist_fsdd)] [--missing-rate ETA (default 0.3)]
                                 [--methods a,b,... (default: all 17)] [--out FILE.csv (default runs/validation-share/<time>.csv)]
EOF
      exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ -d "$data" ] || { echo "no dataset folder $data" >&2; exit 2; }
out="${out:-$root/runs/validation-share/$(date +%Y%m%d-%H%M%S).csv}"
mkdir -p "$(dirname "$out")"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
"$root/mla" --version >/dev/null # build first, so that no run includes it

echo "method,epochs,epoch_seconds_mean,validation_seconds_mean,validation_share" > "$out"
IFS=',' read -r -a list <<< "$methods"
for method in "${list[@]}"; do
  "$root/mla" train --quiet --method "$method" --data "$data" --missing-rate "$rate" \
      --out "$scratch/$method" >/dev/null
  python3 - "$scratch/$method/history.csv" "$method" >> "$out" <<'EOF'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
total = sum(float(r["seconds"]) for r in rows)
val = sum(float(r["validation_seconds"]) for r in rows)
print(f"{sys.argv[2]},{len(rows)},{total / len(rows):.4f},{val / len(rows):.4f},{val / total:.4f}")
EOF
  tail -n 1 "$out"
done
echo "written: $out"
