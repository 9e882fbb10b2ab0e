#!/usr/bin/env bash
# MMIN, the Table 2 grid's most expensive method, in mla4j (`./mla train --method mmin` with its own
# recipe) against plain eager PyTorch (bench/pytorch/anchor_missing.py, the same computation),
# alternately, N rounds. Both train T teacher epochs then S student epochs on data/av_mnist_fsdd at
# eta = 0.3 (independent protocol), at a constant learning rate; the figure is fit samples per second of
# a student epoch's training (mla4j: history.csv's seconds minus validation_seconds), median over the
# student epochs after the first. Prints each round's ratio and their median.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
rounds=3
teacher=2
student=6
threads="1,2"
out=""
python="${PYTHON:-/usr/bin/python3}"
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --teacher-epochs) teacher="$2"; shift 2 ;;
    --student-epochs) student="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    -h|--help)
      cat <<EOF
usage: bench/table2_side_by_side.sh [--rounds N (3)] [--teacher-epochs T (2)] [--student-epochs S (6)]
                                    [--threads LIST (anchor thread settings, 1,2)] [--out DIR]
EOF
      exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
out="${out:-$root/runs/table2-side-by-side/$(date +%Y%m%d-%H%M%S)}"
mkdir -p "$out"
epochs=$((teacher + student))
"$root/mla" --version >/dev/null # build first, so that no round includes it
mla_cmd=("$root/mla" train --quiet --method mmin --missing-rate 0.3 --missing-protocol independent
         --mmin-teacher-epochs "$teacher" --epochs "$epochs" --lr-constant-epochs "$epochs" --seed 0)
anchor_cmd=("$python" "$here/pytorch/anchor_missing.py" --teacher-epochs "$teacher" --student-epochs "$student"
            --threads "$threads" --missing-rate 0.3)
echo "MMIN side by side: $rounds rounds, $teacher teacher + $student student epochs; files in $out" >&2
echo "  mla4j:   ${mla_cmd[*]} --out DIR" >&2
echo "  PyTorch: ${anchor_cmd[*]} --json FILE" >&2
run_mla() {
  echo "round $1: mla4j   (load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
  rm -rf "$out/mla-$1"
  "${mla_cmd[@]}" --out "$out/mla-$1" >/dev/null
}
run_anchor() {
  echo "round $1: PyTorch (load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
  "${anchor_cmd[@]}" --json "$out/pytorch-$1.json" > "$out/pytorch-$1.txt" 2> "$out/pytorch-$1.log"
}
for r in $(seq 1 "$rounds"); do
  if [ $((r % 2)) -eq 1 ]; then run_mla "$r"; run_anchor "$r"; else run_anchor "$r"; run_mla "$r"; fi
done
"$python" - "$out" "$rounds" "$teacher" <<'EOF' | tee "$out/summary.txt"
import csv, json, sys
out, rounds, teacher = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
ratios = []
print("round  mla4j samples/s  PyTorch best samples/s (threads, variant)  ratio")
for r in range(1, rounds + 1):
    anchor = json.load(open(f"{out}/pytorch-{r}.json"))["best"]
    rows = [row for row in csv.DictReader(open(f"{out}/mla-{r}/history.csv")) if int(row["epoch"]) > teacher + 1]
    train = sorted(float(row["seconds"]) - float(row["validation_seconds"]) for row in rows)
    mla = anchor["fit_rows"] / train[len(train) // 2]
    ratios.append(mla / anchor["samples_per_second"])
    print(f"{r:>5}  {mla:>15.0f}  {anchor['samples_per_second']:>10.0f} ({anchor['threads']} thr, {anchor['variant']})"
          f"{'':>14}{ratios[-1]:.2f}x")
ratios.sort()
print(f"median ratio mla4j / PyTorch over {rounds} round(s): {ratios[len(ratios) // 2]:.2f}x")
EOF
