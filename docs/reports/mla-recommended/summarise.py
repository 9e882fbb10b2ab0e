#!/usr/bin/env python3
"""The summary table of this report, from the accuracy.csv files of the runs it cites.

    docs/reports/mla-recommended/summarise.py DATASET=BASELINES_DIR,MLA_VARIANTS_DIR ...

With --variants first: every variant of the MLA grids against every dataset instead.
BASELINES_DIR holds a Table 1 grid (every method with its defaults, so `mla` is the recommended MLA),
MLA_VARIANTS_DIR the grid of experiments/<dataset>/mla-recommended.yaml. Prints Markdown.
"""
import csv
import sys

BASELINES = ["sum", "concat", "late", "film", "bigated", "ogm-ge", "qmf"]


def rows(directory):
    with open(f"{directory}/accuracy.csv", newline="") as f:
        return {r["method"]: r for r in csv.DictReader(f) if float(r["missing_rate"]) == 0.0}


def cell(r):
    return f"{100 * float(r['fused_mean']):.1f} ± {100 * float(r['fused_std']):.1f}"


def variant_table(args):
    """Every variant's fused test accuracy on every dataset: the 'what we tried' table."""
    grids = [(a.split("=", 1)[0], rows(a.split("=", 1)[1].split(",")[1])) for a in args]
    names = list(grids[0][1])
    print("| variant | " + " | ".join(n for n, _ in grids) + " |")
    print("|---|" + "---|" * len(grids))
    for v in names:
        print(f"| {v.removeprefix('mla (').removesuffix(')')} | " + " | ".join(cell(g[v]) for _, g in grids) + " |")


def main(args):
    if args and args[0] == "--variants":
        variant_table(args[1:])
        return
    print("| dataset | MLA, paper | MLA, recommended | best baseline | recommended − best | within 1 std of the best |")
    print("|---|---|---|---|---|---|")
    for arg in args:
        name, dirs = arg.split("=", 1)
        baselines_dir, variants_dir = dirs.split(",")
        base = rows(baselines_dir)
        variants = rows(variants_dir)
        paper = variants["mla (paper)"]
        recommended = variants["mla (recommended)"]
        best = max(BASELINES, key=lambda m: float(base[m]["fused_mean"]))
        gap = float(recommended["fused_mean"]) - float(base[best]["fused_mean"])
        within = gap >= -float(base[best]["fused_std"]) - 1e-12
        print(f"| {name} | {cell(paper)} | {cell(recommended)} | {best} {cell(base[best])} | "
              f"{100 * gap:+.1f} | {'yes' if within else 'no'} |")


if __name__ == "__main__":
    main(sys.argv[1:])
