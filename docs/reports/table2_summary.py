#!/usr/bin/env python3
"""The two tables of a Table 2 report's README, from a results folder of `mla run experiments/<ds>/table2.yaml`.

    docs/reports/table2_summary.py results/av_mnist_fsdd-table2

1. Fused test accuracy (%) per method and missing rate, mean ± sample std over the seeds that finished
   (from accuracy.csv; the best mean per rate in bold).
2. Where the grid's time goes: per method, the recipe's epochs (rows of history.csv), the mean
   training time per run and its share of the whole grid's training time (from runs/*/metrics.json).
"""
import csv
import glob
import json
import os
import statistics
import sys


def accuracy_table(folder):
    rows = list(csv.DictReader(open(os.path.join(folder, "accuracy.csv"))))
    rates = sorted({float(r["missing_rate"]) for r in rows})
    methods = []
    for r in rows:
        if r["method"] not in methods:
            methods.append(r["method"])
    cell = {(r["method"], float(r["missing_rate"])): r for r in rows}
    best = {q: max(float(cell[(m, q)]["fused_mean"]) for m in methods if (m, q) in cell) for q in rates}
    out = ["| method | " + " | ".join(f"η = {q:g}" for q in rates) + " |", "|---|" + "---|" * len(rates)]
    for m in methods:
        cells = []
        for q in rates:
            r = cell.get((m, q))
            if r is None:
                cells.append("–")
                continue
            mean = float(r["fused_mean"])
            text = f"{100 * mean:.1f}"
            if r["fused_std"]:
                text += f" ± {100 * float(r['fused_std']):.1f}"
            if int(r["seeds"]) < 3:
                text += f" ({r['seeds']} seed{'' if r['seeds'] == '1' else 's'})"
            if abs(mean - best[q]) < 1e-12:
                text = f"**{text}**"
            cells.append(text)
        out.append(f"| {m} | " + " | ".join(cells) + " |")
    return "\n".join(out)


def cost_table(folder):
    per = {}
    for path in glob.glob(os.path.join(folder, "runs", "*", "metrics.json")):
        metrics = json.load(open(path))
        with open(os.path.join(os.path.dirname(path), "history.csv")) as f:
            epochs = sum(1 for _ in f) - 1
        per.setdefault(metrics["method"], []).append((metrics["train_seconds"], epochs))
    total = sum(s for runs in per.values() for s, _ in runs)
    out = ["| method | runs | epochs | training s per run (mean) | share of the grid |", "|---|---|---|---|---|"]
    for m, runs in sorted(per.items(), key=lambda kv: -sum(s for s, _ in kv[1])):
        seconds = [s for s, _ in runs]
        epochs = sorted({e for _, e in runs})
        out.append(f"| {m} | {len(runs)} | {'/'.join(map(str, epochs))} | {statistics.mean(seconds):.1f} | "
                   f"{100 * sum(seconds) / total:.1f} % |")
    out.append(f"| all | {sum(len(r) for r in per.values())} | | | {total / 60:.0f} min of training in all |")
    return "\n".join(out)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: docs/reports/table2_summary.py RESULTS_FOLDER")
    folder = sys.argv[1]
    if not os.path.isfile(os.path.join(folder, "accuracy.csv")):
        sys.exit(f"{folder}: no accuracy.csv (run `mla report {folder}` first)")
    print(accuracy_table(folder))
    print()
    print(cost_table(folder))
