#!/usr/bin/env bash
# Issue 16's grid target: the 24-run Table 1 (experiments/av_mnist_fsdd/table1.yaml: 8 methods x 3 seeds,
# 60 epochs) with `./mla run --jobs J` against the same 24 runs one after another in eager PyTorch.
#
# The PyTorch side is a lower bound, generous to PyTorch: bench/pytorch/anchor.py times each method's
# training epochs at its best thread setting and variant (median of 20 epochs after 2 of warm-up), and the 24 runs are
# counted as 3 seeds x sum over methods of 60 x fit rows / median samples per second: no process start,
# data loading, validation, test or model writing, all of which the mla4j wall time includes.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
jobs=2
python="${PYTHON:-/usr/bin/python3}"
out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --jobs) jobs="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    -h|--help)
      echo "usage: bench/table1_grid_vs_pytorch.sh [--jobs J (default 2)] [--out DIR (default runs/table1-vs-pytorch/<time>)]"
      exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
out="${out:-$root/runs/table1-vs-pytorch/$(date +%Y%m%d-%H%M%S)}"
mkdir -p "$out"
"$root/mla" --version >/dev/null # build first, so that the timing excludes it

start=$(date +%s%N)
"$root/mla" run "$root/experiments/av_mnist_fsdd/table1.yaml" --jobs "$jobs" --out "$out/grid" --quiet
end=$(date +%s%N)
mla_s=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.1f", (e - s) / 1e9 }')

"$python" "$here/pytorch/anchor.py" --methods mla_hgm,sum,concat,late,film,bigated,ogm_ge,qmf \
    --epochs 20 --warmup 2 --json "$out/anchor.json" > "$out/anchor.txt"

"$python" - "$out/anchor.json" "$out/anchor.txt" "$mla_s" "$jobs" <<'EOF'
import json, re, sys
anchor = json.load(open(sys.argv[1]))
rows = int(re.search(r"(\d+) fit rows", open(sys.argv[2]).read()).group(1))
mla_s, jobs = float(sys.argv[3]), sys.argv[4]
total = 0.0
print(f"method     best PyTorch samples/s (threads, variant)   60 epochs of {rows} rows, s")
for r in anchor["results"]:
    seconds = 60 * rows / r["samples_per_second"]
    total += 3 * seconds
    print(f"{r['id']:<10} {r['samples_per_second']:>10.0f} ({r['best_threads']} thr, {r['best_variant']})   {seconds:8.1f}")
print(f"eager PyTorch, 24 runs one after another (training only, lower bound): {total:.1f} s")
print(f"mla4j, ./mla run table1.yaml --jobs {jobs} (everything):              {mla_s:.1f} s")
print(f"speed-up of the mla4j grid over the PyTorch lower bound: {total / mla_s:.2f}x (issue 16's target: 2x)")
EOF
echo "kept: $out"
