#!/usr/bin/python3
"""Eager PyTorch training loop with the same model and step as mla4j's `mla bench`.

A measuring aid only: it gives a reference point for mla4j's training throughput
(samples/s, resident memory) on the same machine and thread count. See README.md.
"""
import argparse
import ctypes
import json
import os
import platform
import resource
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "data", "av_mnist_fsdd")
MODALITIES = ["image_mnist_784", "audio_logmel_1024"]
LABELS = {"mla_hgm": "mla (HGM on)", "mla_nohgm": "mla (HGM off)", "concat": "concat"}
WIDTH, LAYERS, CLASSES, BATCH = 128, 3, 10, 64
LR, MOMENTUM, WEIGHT_DECAY = 0.01, 0.9, 1e-4


def openblas():
    """The OpenBLAS that torch loaded, or None: torch.set_num_threads does not reach it."""
    for line in open("/proc/self/maps"):
        path = line.split()[-1]
        if "libopenblas" in path:
            lib = ctypes.CDLL(path)
            lib.openblas_get_config.restype = ctypes.c_char_p
            return lib
    return None


def rss_mib(field="VmRSS:"):
    for line in open("/proc/self/status"):
        if line.startswith(field):
            return int(line.split()[1]) / 1024.0
    return float("nan")


def load_data(data, seed):
    """Fit split (train rows minus a stratified 10% carve) and test split, standardised with fit stats."""
    labels = np.load(os.path.join(data, "labels.npy")).astype(np.int64)
    train = np.load(os.path.join(data, "train_indices.npy"))
    test = np.load(os.path.join(data, "test_indices.npy"))
    rng = np.random.default_rng(seed)
    fit = []
    for c in range(CLASSES):
        rows = rng.permutation(train[labels[train] == c])
        fit.extend(rows[round(0.1 * len(rows)):])
    fit = np.sort(np.array(fit))
    xs_fit, xs_test = [], []
    for name in MODALITIES:
        x = np.load(os.path.join(data, name + ".npy")).astype(np.float64)
        mean, std = x[fit].mean(0), x[fit].std(0)
        std[std <= 0] = 1.0  # constant features (blank MNIST border pixels) stay finite, as in mla4j
        z = ((x - mean) / (std + 1e-6)).astype(np.float32)
        xs_fit.append(torch.from_numpy(z[fit]))
        xs_test.append(torch.from_numpy(z[test]))
    return (xs_fit, torch.from_numpy(labels[fit])), (xs_test, torch.from_numpy(labels[test]))


def encoder(dim):
    layers = []
    for i in range(LAYERS):
        layers += [nn.Linear(dim if i == 0 else WIDTH, WIDTH), nn.ReLU()]
    return nn.Sequential(*layers)


class Hgm:
    """Head gradient modification: P <- P - k k^T / (alpha + h^T k), k = P h; grad_W <- grad_W P.

    P is kept in float64 for stability over many updates, but the product with the float32 gradient
    uses a float32 copy, as mla4j does (the float64 product costs far more for no real precision).
    """

    def __init__(self, size, alpha=1.0):
        self.p = torch.eye(size, dtype=torch.float64)
        self.p32 = self.p.float()
        self.alpha, self.updates = alpha, 0

    def update(self, h):
        h = h.double()
        k = self.p @ h
        self.p -= torch.outer(k, k) / (self.alpha + h.dot(k))
        self.updates += 1
        if self.updates % 1000 == 0:  # same drift guard as mla4j
            self.p = (self.p + self.p.T) * 0.5
        self.p32 = self.p.float()


class Mla:
    """Alternating unimodal turns through one shared head; only encoder m and the head move in m's turn."""

    def __init__(self, dims, hgm):
        self.encoders = [encoder(d) for d in dims]
        self.losses = len(dims)
        self.head = nn.Linear(WIDTH, CLASSES)
        # one optimiser per encoder: stepping the head must not decay or echo momentum into the idle encoder
        self.opt_enc = [torch.optim.SGD(e.parameters(), LR, MOMENTUM, weight_decay=WEIGHT_DECAY) for e in self.encoders]
        self.opt_head = torch.optim.SGD(self.head.parameters(), LR, MOMENTUM, weight_decay=WEIGHT_DECAY)
        self.optimizers = self.opt_enc + [self.opt_head]
        self.hgm = Hgm(WIDTH) if hgm else None
        self.previous_mean = None

    def train_batch(self, xs, y, loss_sums):
        for m, (enc, opt, x) in enumerate(zip(self.encoders, self.opt_enc, xs)):
            features = enc(x)
            loss = F.cross_entropy(self.head(features), y)
            loss.backward()
            loss_sums[m] += loss.detach()
            if self.hgm is not None:
                mean = features.detach().mean(0)
                if self.previous_mean is not None:  # the run's first turn has nothing to protect yet
                    self.hgm.update(self.previous_mean)
                    grad = self.head.weight.grad
                    grad.copy_(grad @ self.hgm.p32)
                self.previous_mean = mean
            opt.step()
            self.opt_head.step()
            # cleared in place (not set to None), like mla4j's zeroGrad
            opt.zero_grad(set_to_none=False)
            self.opt_head.zero_grad(set_to_none=False)

    @torch.no_grad()
    def accuracy(self, xs, y):
        return {name: (self.head(e(x)).argmax(1) == y).float().mean().item()
                for name, e, x in zip(MODALITIES, self.encoders, xs)}


class Concat:
    """Joint baseline: both encoders, concatenated features, one Linear(2s -> C), one loss, SGD on all."""

    def __init__(self, dims):
        self.encoders = [encoder(d) for d in dims]
        self.losses = 1
        self.head = nn.Linear(WIDTH * len(dims), CLASSES)
        params = [p for e in self.encoders for p in e.parameters()] + list(self.head.parameters())
        self.optimizers = [torch.optim.SGD(params, LR, MOMENTUM, weight_decay=WEIGHT_DECAY)]

    def logits(self, xs):
        return self.head(torch.cat([e(x) for e, x in zip(self.encoders, xs)], 1))

    def train_batch(self, xs, y, loss_sums):
        loss = F.cross_entropy(self.logits(xs), y)
        loss.backward()
        loss_sums[0] += loss.detach()
        self.optimizers[0].step()
        self.optimizers[0].zero_grad(set_to_none=False)

    @torch.no_grad()
    def accuracy(self, xs, y):
        return {"fused": (self.logits(xs).argmax(1) == y).float().mean().item()}


def measure(method, fit, test, epochs, seed):
    torch.manual_seed(seed)
    dims = [x.shape[1] for x in fit[0]]
    model = Concat(dims) if method == "concat" else Mla(dims, hgm=(method == "mla_hgm"))
    xs, y = fit
    n = len(y)
    decay_epoch = round(0.7 * epochs)  # mla4j's default step schedule: lr x0.1 once, at 70% of the epochs
    generator = torch.Generator().manual_seed(seed)
    seconds, rss, losses = [], [], []
    for epoch in range(epochs):
        start = time.perf_counter()
        for opt in model.optimizers:
            for group in opt.param_groups:
                group["lr"] = LR * (0.1 if epoch >= decay_epoch else 1.0)
        # reorder whole tensors once per epoch, then take contiguous slices, as mla4j's trainer does
        order = torch.randperm(n, generator=generator)
        xs_epoch, y_epoch = [x[order] for x in xs], y[order]
        loss_sums = torch.zeros(model.losses)
        batches = (n + BATCH - 1) // BATCH  # the last partial batch is kept
        for b in range(batches):
            sl = slice(b * BATCH, min(n, (b + 1) * BATCH))
            model.train_batch([x[sl] for x in xs_epoch], y_epoch[sl], loss_sums)
        losses.append((loss_sums / batches).tolist())
        seconds.append(time.perf_counter() - start)
        rss.append(rss_mib())
    # mla4j's statistic: the upper median of the epochs after the first (warm-up)
    measured = sorted(seconds[1:] or seconds)
    return {"label": LABELS[method], "method": method, "fit_rows": n,
            "samples_per_second": n / measured[len(measured) // 2],
            "epoch_seconds": seconds, "epoch_samples_per_second": [n / s for s in seconds],
            "resident_mib": rss, "final_train_loss": losses[-1],
            "test_accuracy": model.accuracy(*test)}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--epochs", type=int, default=10, help="epochs per method; the first is a warm-up")
    ap.add_argument("--threads", type=int, default=1, help="torch intra-op and inter-op threads")
    ap.add_argument("--blas-threads", type=int, help="OpenBLAS threads (default: --threads)")
    ap.add_argument("--flush-denormal", action="store_true", help="torch.set_flush_denormal(True)")
    ap.add_argument("--methods", default="mla_hgm,mla_nohgm,concat", help="comma-separated: " + ",".join(LABELS))
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--data", default=DATA, help="dataset folder (default: the bundled av_mnist_fsdd)")
    ap.add_argument("--out", help="JSON output file")
    args = ap.parse_args()
    methods = args.methods.split(",")
    if args.epochs < 2 or any(m not in LABELS for m in methods):
        ap.error("--epochs must be >= 2 and --methods a subset of " + ",".join(LABELS))

    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(args.threads)
    blas = openblas()
    blas_threads = args.blas_threads or args.threads
    if blas is not None:
        blas.openblas_set_num_threads(blas_threads)  # OpenBLAS keeps its own pool, sized to all cores
        if args.threads > 1 and blas_threads > 1 and "OMP_WAIT_POLICY" not in os.environ:
            # libgomp's workers spin after each parallel region and starve OpenBLAS's own threads
            # (measured 40x slower on 2 cores); MKL builds of torch share one pool and avoid this
            print("warning: two thread pools; set OMP_WAIT_POLICY=passive or --blas-threads 1", file=sys.stderr)
    denormal = torch.set_flush_denormal(True) if args.flush_denormal else False

    load_before = os.getloadavg()
    fit, test = load_data(args.data, args.seed)
    results = [measure(m, fit, test, args.epochs, args.seed) for m in methods]

    libs = sorted({line.split()[-1] for line in open("/proc/self/maps") if "blas" in line or "lapack" in line})
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    out = {
        "date": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "machine": {"cpu": cpu, "cores": os.cpu_count(), "load_average_before": load_before,
                    "load_average_after": os.getloadavg(), "os": platform.platform()},
        "versions": {"python": platform.python_version(), "torch": torch.__version__, "numpy": np.__version__,
                     "blas_libraries": libs,
                     "openblas": blas.openblas_get_config().decode() if blas is not None else None},
        "settings": {"epochs": args.epochs, "intra_op_threads": torch.get_num_threads(),
                     "inter_op_threads": torch.get_num_interop_threads(),
                     "openblas_threads": blas.openblas_get_num_threads() if blas is not None else None,
                     "omp_wait_policy": os.environ.get("OMP_WAIT_POLICY"),
                     "flush_denormal": denormal, "batch": BATCH, "lr": LR, "momentum": MOMENTUM,
                     "weight_decay": WEIGHT_DECAY, "seed": args.seed},
        "training": results,
        "peak_resident_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0,
    }
    print(f"torch {torch.__version__}, {out['versions']['openblas']}, threads {args.threads}/{blas_threads}, "
          f"flush denormal {denormal}, load {load_before[0]:.2f} -> {out['machine']['load_average_after'][0]:.2f}")
    print(f"{'training':<16}{'samples/s':>11}{'RSS MiB':>9}  per-epoch samples/s; final loss; test accuracy")
    for r in results:
        per_epoch = " ".join(f"{s:.0f}" for s in r["epoch_samples_per_second"])
        loss = " ".join(f"{v:.3f}" for v in r["final_train_loss"])
        acc = " ".join(f"{k}={v:.3f}" for k, v in r["test_accuracy"].items())
        print(f"{r['label']:<16}{r['samples_per_second']:>11.0f}{r['resident_mib'][-1]:>9.0f}  [{per_epoch}]; {loss}; {acc}")
    print(f"peak resident memory {out['peak_resident_mib']:.0f} MiB")
    if args.out:
        with open(args.out, "w") as f:
            json.dump(out, f, indent=2)


if __name__ == "__main__":
    sys.exit(main())
