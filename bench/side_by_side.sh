#!/usr/bin/env bash
# mla4j (`./mla bench`) against the strongest eager PyTorch anchor (bench/pytorch/anchor.py),
# alternately, N rounds, in one invocation; prints per method the ratio mla4j / best PyTorch of
# each round and their median. See bench/pytorch/README.md.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"

rounds=3
epochs=""
warmup=""
jit_warmup=""
encoder=mlp
threads="1,2"
variants=""
methods=""
out=""
python="${PYTHON:-/usr/bin/python3}"
mla_args=()
anchor_args=()

usage() {
  cat <<EOF
usage: bench/side_by_side.sh [options]

Runs \`./mla bench\` and bench/pytorch/anchor.py alternately (mla4j first in odd rounds, PyTorch
first in even ones), then prints per method: mla4j samples/s, best PyTorch samples/s (best of
the thread settings and variants of that round), their ratio per round and the median ratio.

  --rounds N          rounds (default 3)
  --epochs N          epochs per measurement on both sides (default: 10 for mlp, 3 for cnn)
  --warmup N          epochs left out of each median on both sides (default: 2 for mlp, 1 for cnn)
  --jit-warmup S      mla bench --jit-warmup (default: mla bench's own, 30 s, for mlp; 0 for cnn)
  --cnn               CNN encoders: mla bench on data/av_mnist_fsdd_raw, the anchor with --encoder cnn
                      (slow: minutes per round)
  --threads LIST      anchor thread settings (default 1,2)
  --variants LIST     anchor variants (default: the anchor's)
  --methods LIST      method ids timed on both sides (default: the anchor's, i.e. mla_hgm, mla_nohgm,
                      sum, concat, late, film, bigated, ogm_ge, qmf; mla_hgm,concat with --cnn)
  --mla-arg ARG       extra argument for ./mla bench (repeatable)
  --anchor-arg ARG    extra argument for anchor.py (repeatable)
  --out DIR           keep every JSON there (default runs/side-by-side/<time>)
EOF
}

while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --epochs) epochs="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --jit-warmup) jit_warmup="$2"; shift 2 ;;
    --cnn) encoder=cnn; shift ;;
    --threads) threads="$2"; shift 2 ;;
    --variants) variants="$2"; shift 2 ;;
    --methods) methods="$2"; shift 2 ;;
    --mla-arg) mla_args+=("$2"); shift 2 ;;
    --anchor-arg) anchor_args+=("$2"); shift 2 ;;
    --out) out="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
done

if [ "$encoder" = cnn ]; then
  epochs="${epochs:-3}"; warmup="${warmup:-1}"; jit_warmup="${jit_warmup:-0}"
  mla_args+=(--data "$root/data/av_mnist_fsdd_raw")
else
  epochs="${epochs:-10}"; warmup="${warmup:-2}"
fi
out="${out:-$root/runs/side-by-side/$(date +%Y%m%d-%H%M%S)}"
mkdir -p "$out"

# both sides time the same methods: the anchor's list (its default: every Table 1 method it implements)
if [ -z "$methods" ]; then
  if [ "$encoder" = cnn ]; then methods="mla_hgm,concat"
  else methods="mla_hgm,mla_nohgm,sum,concat,late,film,bigated,ogm_ge,qmf"; fi
fi
mla_cmd=("$root/mla" bench --epochs "$epochs" --warmup "$warmup" --methods "$methods" --quiet)
[ -n "$jit_warmup" ] && mla_cmd+=(--jit-warmup "$jit_warmup")
mla_cmd+=("${mla_args[@]+"${mla_args[@]}"}")
anchor_cmd=("$python" "$here/pytorch/anchor.py" --encoder "$encoder" --epochs "$epochs" --warmup "$warmup"
            --threads "$threads")
[ -n "$variants" ] && anchor_cmd+=(--variants "$variants")
[ -n "$methods" ] && anchor_cmd+=(--methods "$methods")
anchor_cmd+=("${anchor_args[@]+"${anchor_args[@]}"}")

echo "side by side: $rounds rounds, encoder $encoder, $epochs epochs ($warmup warm-up) per measurement; JSON in $out" >&2
echo "  mla4j:   ${mla_cmd[*]} --out FILE" >&2
echo "  PyTorch: ${anchor_cmd[*]} --json FILE" >&2
run_mla() {
  local r="$1"
  echo "round $r: mla bench   (load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
  "${mla_cmd[@]}" --out "$out/mla-$r.json"
}
run_anchor() {
  local r="$1"
  echo "round $r: PyTorch     (load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
  "${anchor_cmd[@]}" --json "$out/pytorch-$r.json" > "$out/pytorch-$r.txt" 2> "$out/pytorch-$r.log"
}
for r in $(seq 1 "$rounds"); do
  if [ $((r % 2)) -eq 1 ]; then run_mla "$r"; run_anchor "$r"; else run_anchor "$r"; run_mla "$r"; fi
done
"$python" "$here/pytorch/join.py" --rounds "$rounds" --dir "$out" | tee "$out/summary.txt"
