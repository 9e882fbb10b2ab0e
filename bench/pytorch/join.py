#!/usr/bin/python3
"""Joins `mla bench` JSON files with anchor.py JSON files by method id and prints the ratios.

Used by bench/side_by_side.sh: DIR holds mla-R.json and pytorch-R.json for rounds R = 1..N.
The join key is the method id (anchor.py's METHODS: mla_hgm, mla_nohgm, sum, concat, late, film,
bigated, ogm_ge, qmf) plus the encoder (mlp or cnn); README.md documents the fields read.
"""
import argparse
import json
import os
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from anchor import METHODS  # noqa: E402  (the ids and labels; importing it does not import torch)

# labels of today's `mla bench` (which has no "id" field yet) -> ids
LABEL_TO_ID = {label: mid for mid, (_, _, label) in METHODS.items()}
LABEL_TO_ID.update({"concat": "concat", "ogm-ge": "ogm_ge"})


def mla_entries(doc):
    """{(id, encoder): samples/s} of one `mla bench` JSON, plus names it could not map."""
    default_encoder = "cnn" if str(doc.get("dataset", "")).endswith("_raw") else "mlp"
    out, unknown = {}, []
    for e in doc.get("training", []):
        mid = e.get("id") or LABEL_TO_ID.get(e.get("label"))
        sps = e.get("samples_per_second", e.get("samplesPerSecond"))
        if mid is None or sps is None:
            unknown.append(e.get("label") or e.get("id") or "?")
            continue
        out[(mid, e.get("encoder", default_encoder))] = sps
    return out, unknown


def fmt(v):
    return f"{v / 1000:.1f}k" if v >= 10000 else f"{v:.0f}"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dir", required=True)
    ap.add_argument("--rounds", type=int, required=True)
    args = ap.parse_args()
    rounds = range(1, args.rounds + 1)
    mla = {r: json.load(open(os.path.join(args.dir, f"mla-{r}.json"))) for r in rounds}
    pt = {r: json.load(open(os.path.join(args.dir, f"pytorch-{r}.json"))) for r in rounds}

    rows = {}  # (id, encoder) -> per round {"mla4j": x, "pytorch": y, "pytorch_config": ...}
    unknown = set()
    for r in rounds:
        entries, bad = mla_entries(mla[r])
        unknown.update(bad)
        for key, sps in entries.items():
            rows.setdefault(key, {})[r] = {"mla4j": sps}
        for res in pt[r]["results"]:
            if "samples_per_second" not in res:
                continue
            key = (res["id"], res["encoder"])
            rows.setdefault(key, {}).setdefault(r, {}).update(
                pytorch=res["samples_per_second"], pytorch_config=f"{res['best_threads']} thr {res['best_variant']}")

    first_pt, first_mla = pt[1], mla[1]
    v = first_mla.get("versions", {})
    print(f"mla4j {v.get('mla4j', '?')}, DJL {v.get('djl', '?')}, libtorch {v.get('pytorch', '?')}, "
          f"engine threads {first_mla.get('machine', {}).get('engine_threads', '?')}; "
          f"anchor: torch {first_pt['torch']}, {first_pt['blas'].get('openblas_config') or first_pt['blas']['libraries']}")
    print(f"{args.rounds} rounds; samples/s = fit rows / median epoch time; ratio = mla4j / best PyTorch "
          f"(best of {', '.join(first_pt['settings']['threads'])} threads x {len(first_pt['settings']['variants'])} "
          f"variants, chosen per round, which favours PyTorch)")
    order = list(METHODS)
    keys = sorted(rows, key=lambda k: (k[1], order.index(k[0]) if k[0] in order else 99, k[0]))
    head = f"{'method':<11}{'enc':<5}" + "".join(f"{'round ' + str(r):>24}" for r in rounds) + f"{'median':>9}"
    print(head)
    summary = []
    for key in keys:
        per = rows[key]
        ratios, cells = [], ""
        for r in rounds:
            c = per.get(r, {})
            if "mla4j" in c and "pytorch" in c:
                ratio = c["mla4j"] / c["pytorch"]
                ratios.append(ratio)
                cells += f"{fmt(c['mla4j']) + '/' + fmt(c['pytorch']) + ' ' + f'{ratio:.2f}x':>24}"
            else:
                cells += f"{'-':>24}"
        entry = {"id": key[0], "encoder": key[1], "rounds": {r: per.get(r, {}) for r in rounds}}
        if ratios:
            entry["median_ratio"] = statistics.median(ratios)
            configs = sorted({per[r]["pytorch_config"] for r in rounds if "pytorch_config" in per.get(r, {})})
            print(f"{key[0]:<11}{key[1]:<5}{cells}{entry['median_ratio']:>8.2f}x   PyTorch best: {'; '.join(configs)}")
        elif any("pytorch" in per.get(r, {}) for r in rounds):
            med = statistics.median(per[r]["pytorch"] for r in rounds if "pytorch" in per.get(r, {}))
            entry["status"] = "not measured by mla bench"
            print(f"{key[0]:<11}{key[1]:<5}not measured by mla bench (PyTorch median {fmt(med)} samples/s)")
        else:
            entry["status"] = "not measured by the anchor"
            print(f"{key[0]:<11}{key[1]:<5}not measured by the anchor")
        summary.append(entry)
    if unknown:
        print("mla bench entries without a known method id (left out): " + ", ".join(sorted(unknown)))
    loads = [(r, mla[r].get("date", "?"), pt[r]["machine"]["load_average_before"][0]) for r in rounds]
    print("load average before each PyTorch run: " + ", ".join(f"round {r}: {l:.2f}" for r, _, l in loads))
    with open(os.path.join(args.dir, "summary.json"), "w") as f:
        json.dump({"rounds": args.rounds, "methods": summary}, f, indent=1)


if __name__ == "__main__":
    sys.exit(main())
