#!/usr/bin/python3
"""The strongest plain eager PyTorch loop we could write for every mla4j method: the speed anchor.

Trains, per method, the computation `mla bench` times (same fit rows, standardisation, model
shapes, PyTorch default init, SGD momentum 0.9 + weight decay 1e-4 with PyTorch semantics, lr 0.01,
batch 64 reshuffled every epoch, last partial batch kept) and reports samples/s of the fit split,
median over the epochs after the warm-up ones, for each thread setting and implementation variant,
and the best of them. A measuring aid only; see README.md.

Each thread setting runs in its own child process, because OpenMP and OpenBLAS read their thread
counts and wait policy from the environment when they start.
"""
import argparse
import contextlib
import ctypes
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
DATA = os.path.join(ROOT, "data", "av_mnist_fsdd")

WIDTH, LAYERS, BATCH = 128, 3, 64
LR, MOMENTUM, WEIGHT_DECAY = 0.01, 0.9, 1e-4
HGM_ALPHA, OGM_ALPHA, QMF_T, QMF_LAMBDA = 1.0, 0.5, 10.0, 0.1
VAL_FRACTION, VAL_SEED, TINY_VALIDATION = 0.1, 0, 10

# id -> (mla4j CLI method, options, label). The id is the join key with `mla bench --json`.
METHODS = {
    "mla_hgm": ("mla", {"hgm": True}, "mla (HGM on)"),
    "mla_nohgm": ("mla", {"hgm": False}, "mla (HGM off)"),
    "sum": ("sum", {}, "sum"),
    "concat": ("concat", {}, "concat"),
    "late": ("late", {}, "late"),
    "film": ("film", {}, "film"),
    "bigated": ("bigated", {}, "bigated"),
    "ogm_ge": ("ogm-ge", {}, "ogm-ge (concat)"),
    "qmf": ("qmf", {}, "qmf"),
}
SGD_KINDS = ("optim-foreach", "optim-loop", "raw-foreach")
GRAPH_KINDS = ("eager", "script", "channels-last", "script-channels-last")
DEFAULT_VARIANTS = {"mlp": "optim-foreach/eager,raw-foreach/eager,raw-foreach/script",
                    "cnn": "raw-foreach/eager,raw-foreach/channels-last"}  # CNN steps are compute-bound
DEFAULT_METHODS = {"mlp": ",".join(METHODS), "cnn": "mla_hgm,concat"}


# ----------------------------------------------------------------------------------------- data

class JavaRandom:
    """java.util.Random, bit for bit: mla4j carves its validation rows with it."""
    MULT, MASK = 0x5DEECE66D, (1 << 48) - 1

    def __init__(self, seed):
        self.state = (seed ^ self.MULT) & self.MASK

    def next(self, bits):
        self.state = (self.state * self.MULT + 0xB) & self.MASK
        return self.state >> (48 - bits)

    def next_int(self, bound):
        r = self.next(31)
        m = bound - 1
        if bound & m == 0:
            return (bound * r) >> 31
        u = r
        while True:
            r = u % bound
            if u - r + m < (1 << 31):  # Java: u - r + m >= 0 in int arithmetic
                return r
            u = self.next(31)


def carve(train, labels, classes, fraction=VAL_FRACTION, seed=VAL_SEED):
    """mla4j's ValidationSplit.carve: per class, sorted rows, Fisher-Yates with one java.util.Random."""
    rng = JavaRandom(seed)
    fit, val = [], []
    for c in range(classes):
        rows = sorted(int(r) for r in train if labels[r] == c)
        for i in range(len(rows) - 1, 0, -1):
            j = rng.next_int(i + 1)
            rows[i], rows[j] = rows[j], rows[i]
        k = 0 if fraction == 0 else min(max(1, int(np.floor(fraction * len(rows) + 0.5))), len(rows) - 1)
        val += rows[:k]
        fit += rows[k:]
    return np.array(sorted(fit)), np.array(sorted(val))


# the bundled flat features as the raw dataset's (C, H, W) grids (data/av_mnist_fsdd_raw: image
# preset mnist -> 1x28x28, audio preset av_mnist_fsdd, band-major -> 1x32x32 mel bands x frames)
KNOWN_SHAPES = {784: (1, 28, 28), 1024: (1, 32, 32)}


def load(data, encoder):
    """Fit, tiny validation and test tensors, standardised as mla4j's Standardizer does."""
    import torch
    manifest = json.load(open(os.path.join(data, "manifest.json")))
    labels = np.load(os.path.join(data, manifest.get("labels_file", "labels.npy"))).astype(np.int64)
    train = np.load(os.path.join(data, "train_indices.npy"))
    test = np.load(os.path.join(data, "test_indices.npy"))
    classes = int(manifest["num_classes"])
    if len(manifest["modalities"]) != 2:
        raise SystemExit("anchor.py is written for two-modality datasets (the bench's); this one has "
                         f"{len(manifest['modalities'])}")
    fit, val = carve(train, labels, classes)
    tiny = val[:TINY_VALIDATION]
    splits = {"fit": fit, "validation": tiny, "test": test}
    out = {k: [] for k in splits}
    shapes = []
    for mod in manifest["modalities"]:
        x = np.load(os.path.join(data, mod["file"])).astype(np.float64).reshape(len(labels), -1)
        dim = x.shape[1]
        shape = tuple(mod.get("sample_shape") or ())
        if encoder == "cnn":
            if len(shape) != 3:
                shape = KNOWN_SHAPES.get(dim)
            if shape is None:
                raise SystemExit(f"modality {mod['name']} ({dim} values) has no (C, H, W) shape for the CNN")
            c = shape[0]
            # per channel over all of its H*W values (mla4j, spatial modalities)
            xc = x[fit].reshape(len(fit), c, -1)
            mean = np.repeat(xc.mean(axis=(0, 2)), dim // c)
            std = np.repeat(xc.std(axis=(0, 2)), dim // c)
        else:
            shape = (dim,)
            mean, std = x[fit].mean(0), x[fit].std(0)
        std = np.where((std <= 0) | (std.astype(np.float32) == 0), 1.0, std)
        z = ((x.astype(np.float32) - mean.astype(np.float32)) / (std.astype(np.float32) + np.float32(1e-6)))
        shapes.append(shape)
        for k, rows in splits.items():
            out[k].append(torch.from_numpy(np.ascontiguousarray(z[rows].reshape((len(rows),) + shape))))
    ys = {k: torch.from_numpy(labels[rows]) for k, rows in splits.items()}
    names = [m["name"] for m in manifest["modalities"]]
    return {k: (out[k], ys[k]) for k in splits}, shapes, classes, names


# ----------------------------------------------------------------------------------- optimisers

class TorchSgd:
    """torch.optim.SGD on one parameter group (foreach=True: PyTorch's multi-tensor kernels)."""

    def __init__(self, params, foreach):
        import torch
        self.opt = torch.optim.SGD(list(params), lr=LR, momentum=MOMENTUM, weight_decay=WEIGHT_DECAY,
                                   foreach=foreach)

    def set_lr(self, lr):
        for g in self.opt.param_groups:
            g["lr"] = lr

    @staticmethod
    def step(opts):
        for o in opts:
            o.opt.step()
        for o in opts:
            o.opt.zero_grad(set_to_none=True)


class RawForeachSgd:
    """PyTorch's SGD (d = g + wd*w; b = mu*b + d, b = d at first; w -= lr*b) written directly with
    torch._foreach_* calls, the groups stepped together in one set of calls: torch.optim.SGD's own
    multi-tensor kernels without its Python bookkeeping."""

    def __init__(self, params):
        self.params = list(params)
        self.bufs = None
        self.lr = LR

    def set_lr(self, lr):
        self.lr = lr

    @staticmethod
    def step(opts):
        import torch
        with torch.no_grad():
            params = [p for o in opts for p in o.params]
            grads = [p.grad for p in params]
            torch._foreach_add_(grads, params, alpha=WEIGHT_DECAY)  # in the grad tensors, freed below
            if all(o.bufs is not None for o in opts):
                bufs = [b for o in opts for b in o.bufs]
                torch._foreach_mul_(bufs, MOMENTUM)
                torch._foreach_add_(bufs, grads)
            else:
                bufs, i = [], 0
                for o in opts:
                    g = grads[i:i + len(o.params)]
                    i += len(o.params)
                    if o.bufs is None:
                        o.bufs = [t.clone() for t in g]
                    else:
                        torch._foreach_mul_(o.bufs, MOMENTUM)
                        torch._foreach_add_(o.bufs, g)
                    bufs += o.bufs
            lr = opts[0].lr
            assert all(o.lr == lr for o in opts)
            torch._foreach_add_(params, bufs, alpha=-lr)
            for p in params:
                p.grad = None


def make_sgd(kind):
    if kind == "optim-foreach":
        return (lambda ps: TorchSgd(ps, True)), TorchSgd.step
    if kind == "optim-loop":
        return (lambda ps: TorchSgd(ps, False)), TorchSgd.step
    if kind == "raw-foreach":
        return RawForeachSgd, RawForeachSgd.step
    raise ValueError(kind)


# ---------------------------------------------------------------------------------------- models

def build_modules():
    """Module classes, defined after torch is imported (the parent process never imports torch)."""
    import torch
    import torch.nn as nn
    import torch.nn.functional as F

    def mlp(dim):
        layers = []
        for i in range(LAYERS):
            layers += [nn.Linear(dim if i == 0 else WIDTH, WIDTH), nn.ReLU(inplace=True)]
        return nn.Sequential(*layers)

    def cnn(shape):
        """mla4j's SmallCnn: 3 x (conv3x3 no bias, BN, ReLU, maxpool 2x2), 32/64/128 channels, GAP."""
        layers, c_in, h, w = [], shape[0], shape[1], shape[2]
        for i in range(LAYERS):
            c = max(min(8, WIDTH), WIDTH >> (LAYERS - 1 - i))
            conv = nn.Conv2d(c_in, c, 3, 1, 1, bias=False)
            nn.init.kaiming_normal_(conv.weight, mode="fan_out", nonlinearity="relu")  # N(0, 2/fan_out)
            layers += [conv, nn.BatchNorm2d(c, eps=1e-5, momentum=0.1), nn.ReLU(inplace=True)]
            ph, pw = (2 if h >= 2 else 1), (2 if w >= 2 else 1)
            if ph > 1 or pw > 1:
                layers.append(nn.MaxPool2d((ph, pw), (ph, pw)))
                h, w = h // ph, w // pw
            c_in = c
        layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten()]
        return nn.Sequential(*layers)

    class ConcatNet(nn.Module):
        def __init__(self, encoders, classes):
            super().__init__()
            self.e0, self.e1 = encoders
            self.head = nn.Linear(2 * WIDTH, classes)

        def forward(self, x0, x1):
            h0, h1 = self.e0(x0), self.e1(x1)
            return self.head(torch.cat([h0, h1], 1)), h0, h1

    class SumNet(nn.Module):
        def __init__(self, encoders, classes):
            super().__init__()
            self.e0, self.e1 = encoders
            self.h0, self.h1 = nn.Linear(WIDTH, classes), nn.Linear(WIDTH, classes)

        def forward(self, x0, x1):
            f0, f1 = self.h0(self.e0(x0)), self.h1(self.e1(x1))
            return f0 + f1, f0, f1

    class FilmNet(nn.Module):
        """Condition modality 0 (mla4j's default: the dataset's first)."""

        def __init__(self, encoders, classes):
            super().__init__()
            self.e0, self.e1 = encoders
            self.film = nn.Linear(WIDTH, 2 * WIDTH)
            self.head = nn.Linear(WIDTH, classes)

        def forward(self, x0, x1):
            gamma, beta = self.film(self.e0(x0)).chunk(2, 1)
            return self.head(torch.addcmul(beta, gamma, self.e1(x1)))

    class BiGatedNet(nn.Module):
        """Gating modality 0: z = sigmoid(V_0 h_0 + v_0) * (V_1 h_1 + v_1)."""

        def __init__(self, encoders, classes):
            super().__init__()
            self.e0, self.e1 = encoders
            self.g0, self.g1 = nn.Linear(WIDTH, WIDTH), nn.Linear(WIDTH, WIDTH)
            self.head = nn.Linear(WIDTH, classes)

        def forward(self, x0, x1):
            return self.head(torch.sigmoid(self.g0(self.e0(x0))) * self.g1(self.e1(x1)))

    return dict(torch=torch, nn=nn, F=F, mlp=mlp, cnn=cnn, ConcatNet=ConcatNet, SumNet=SumNet,
                FilmNet=FilmNet, BiGatedNet=BiGatedNet)


class Hgm:
    """HGM's P (float64, identity at the start; shared by the modalities), its float32 copy for
    the projection, and grad_W <- grad_W @ P. backend "numpy": P on the host in numpy (as mla4j
    keeps it in Java arrays); "torch": P a float64 torch tensor. Both keep P exactly symmetric."""

    def __init__(self, torch, size, backend):
        self.torch, self.backend = torch, backend
        if backend == "numpy":
            self.p = np.eye(size)
            self.tmp = np.empty((size, size))
            self.p32_host = self.p.astype(np.float32)
            self.p32 = torch.from_numpy(self.p32_host)  # shares memory: refreshed in place
        else:
            self.p = torch.eye(size, dtype=torch.float64)
            self.p32 = self.p.float()

    def update(self, h):
        """Folds a feature mean (float32 tensor, no grad) into P."""
        if self.backend == "numpy":
            h = h.numpy().astype(np.float64)
            k = self.p @ h
            np.multiply.outer(k, k, out=self.tmp)
            self.tmp *= 1.0 / (HGM_ALPHA + h @ k)
            self.p -= self.tmp
            np.copyto(self.p32_host, self.p, casting="same_kind")
        else:
            torch = self.torch
            h = h.double()
            k = torch.mv(self.p, h)
            self.p.sub_(torch.outer(k, k).div_(torch.dot(h, k).add_(HGM_ALPHA)))
            self.p32.copy_(self.p)

    def project(self, weight):
        weight.grad = self.torch.mm(weight.grad, self.p32)


class Method:
    """Common part: modules, optimisers per parameter group, a batch step, a fused prediction."""
    losses_per_batch = 1

    def __init__(self, ctx, shapes, classes, sgd_kind, graph):
        self.ctx, self.torch, self.F = ctx, ctx["torch"], ctx["F"]
        self.classes = classes
        self.graph = graph
        self.make_opt, self.step = make_sgd(sgd_kind)
        enc = ctx["cnn"] if len(shapes[0]) == 3 else ctx["mlp"]
        self.encoders = [enc(s if len(s) == 3 else s[0]) for s in shapes]
        self.opts = []

    def finish(self, modules):
        """Applies the graph variant to the modules and returns them (call once all are built)."""
        torch = self.torch
        out = []
        for m in modules:
            if "channels-last" in self.graph:
                m = m.to(memory_format=torch.channels_last)
            if "script" in self.graph:
                m = torch.jit.script(m)
            out.append(m)
        self.modules = out
        return out

    def set_lr(self, lr):
        for o in self.opts:
            o.set_lr(lr)

    def train(self, mode):
        for m in self.modules:
            m.train(mode)


class Mla(Method):
    """Alternating turns through one shared head; only encoder m and the head move in m's turn."""
    losses_per_batch = 2

    def __init__(self, ctx, shapes, classes, sgd_kind, graph, hgm, hgm_backend):
        super().__init__(ctx, shapes, classes, sgd_kind, graph)
        head = ctx["nn"].Linear(WIDTH, classes)
        *self.encoders, self.head = self.finish(self.encoders + [head])
        self.enc_opts = [self.make_opt(e.parameters()) for e in self.encoders]
        self.head_opt = self.make_opt(self.head.parameters())
        self.opts = self.enc_opts + [self.head_opt]
        self.weight = self.head.weight
        self.hgm = Hgm(self.torch, WIDTH, hgm_backend) if hgm else None
        self.previous = None

    def train_batch(self, xs, y, pos, record):
        F, hgm = self.F, self.hgm
        for enc, opt, x in zip(self.encoders, self.enc_opts, xs):
            features = enc(x)
            loss = F.cross_entropy(self.head(features), y)
            loss.backward()
            record.append(loss.detach())
            if hgm is not None:
                mean = features.detach().mean(0)
                if self.previous is not None:  # the run's first turn has nothing to protect yet
                    hgm.update(self.previous)
                    hgm.project(self.weight)
                self.previous = mean
            self.step([opt, self.head_opt])

    def predict(self, xs):
        """Dynamic fusion of the unimodal logits (per-sample entropy weights)."""
        torch = self.torch
        logits = torch.stack([self.head(e(x)) for e, x in zip(self.encoders, xs)])
        p = logits.softmax(2)
        weights = (p * p.clamp_min(1e-30).log()).sum(2).softmax(0)  # softmax over -entropy
        return (weights.unsqueeze(2) * logits).sum(0)


class Joint(Method):
    """One loss per batch, one backward, every parameter updated (sum, concat, film, bigated)."""

    def __init__(self, ctx, shapes, classes, sgd_kind, graph, net):
        super().__init__(ctx, shapes, classes, sgd_kind, graph)
        self.net, = self.finish([ctx[net](self.encoders, classes)])
        self.fused_only = net in ("FilmNet", "BiGatedNet")
        self.opts = [self.make_opt(self.net.parameters())]

    def logits(self, xs):
        out = self.net(*xs)
        return out if self.fused_only else out[0]

    def train_batch(self, xs, y, pos, record):
        loss = self.F.cross_entropy(self.logits(xs), y)
        loss.backward()
        record.append(loss.detach())
        self.step(self.opts)

    def predict(self, xs):
        return self.logits(xs)


class OgmGe(Joint):
    """Concat with OGM-GE: per batch, s_m = sum_i softmax(probe_m)_i[y_i] (probe_m = W[:, block m] h_m
    + b/M), rho_m = s_m / mean_{j!=m} s_j, k_m = 1 - tanh(alpha (rho_m - 1)) if rho_m > 1 else 1; every
    gradient g of encoder m becomes k_m g + N(0, std(g) + 1e-8) (std of the unscaled g). All on the
    device: no host read per step."""
    losses_per_batch = 3

    def __init__(self, ctx, shapes, classes, sgd_kind, graph):
        super().__init__(ctx, shapes, classes, sgd_kind, graph, "ConcatNet")
        self.enc_params = [list(self.net.e0.parameters()), list(self.net.e1.parameters())]
        self.head_w, self.head_b = self.net.head.weight, self.net.head.bias

    def train_batch(self, xs, y, pos, record):
        torch, F = self.torch, self.F
        logits, h0, h1 = self.net(*xs)
        loss = F.cross_entropy(logits, y)
        loss.backward()
        record.append(loss.detach())
        with torch.no_grad():
            w, b = self.head_w, self.head_b
            probes = torch.stack([F.linear(h0, w[:, :WIDTH], b / 2), F.linear(h1, w[:, WIDTH:], b / 2)])
            scores = probes.softmax(2).gather(2, y.view(1, -1, 1).expand(2, -1, 1)).sum((1, 2))
            rho = scores / scores.flip(0)  # M = 2: the mean of the others is the other one
            k = torch.where(rho > 1, 1 - torch.tanh(OGM_ALPHA * (rho - 1)), torch.ones_like(rho))
            record.append(k[0])
            record.append(k[1])
            for m, params in enumerate(self.enc_params):
                km = k[m]
                for p in params:
                    g = p.grad
                    noise = torch.randn_like(g).mul_(g.std().add_(1e-8))
                    g.mul_(km).add_(noise)
        self.step(self.opts)


class LateFusion(Method):
    """Encoder + head per modality; loss = sum_m CE_m, one backward, every branch updated."""

    def __init__(self, ctx, shapes, classes, sgd_kind, graph):
        super().__init__(ctx, shapes, classes, sgd_kind, graph)
        heads = [ctx["nn"].Linear(WIDTH, classes) for _ in shapes]
        mods = self.finish(self.encoders + heads)
        n = len(shapes)
        self.encoders, self.heads = mods[:n], mods[n:]
        self.opts = [self.make_opt(list(e.parameters()) + list(h.parameters()))
                     for e, h in zip(self.encoders, self.heads)]

    def unimodal(self, xs):
        return [h(e(x)) for e, h, x in zip(self.encoders, self.heads, xs)]

    def train_batch(self, xs, y, pos, record):
        F = self.F
        f0, f1 = self.unimodal(xs)
        loss = F.cross_entropy(f0, y) + F.cross_entropy(f1, y)
        loss.backward()
        record.append(loss.detach())
        self.step(self.opts)

    def predict(self, xs):
        return self.torch.stack(self.unimodal(xs)).mean(0)


class Qmf(LateFusion):
    """The reference's simplified QMF: c_m = logsumexp(f_m)/T, fused = sum_m sg(c_m) f_m, loss =
    CE(fused) + sum_m CE(f_m) + lambda sum_m R_m, R_m = mean_i relu(-sign(r_m(i) - r_m(i-1)) (c_m(i) -
    c_m(i-1))), r_m = the sample's past training correctness (visits and hits kept as tensors)."""
    losses_per_batch = 3

    def __init__(self, ctx, shapes, classes, sgd_kind, graph, fit_rows):
        super().__init__(ctx, shapes, classes, sgd_kind, graph)
        torch = self.torch
        self.visits = torch.zeros(fit_rows, len(shapes))
        self.hits = torch.zeros(fit_rows, len(shapes))

    def train_batch(self, xs, y, pos, record):
        torch, F = self.torch, self.F
        f = torch.stack(self.unimodal(xs), 1)                      # n x M x C
        c = torch.logsumexp(f, 2) / QMF_T                          # n x M
        fused_loss = F.cross_entropy((c.detach().unsqueeze(2) * f).sum(1), y)
        m = f.shape[1]
        unimodal_loss = F.cross_entropy(f.flatten(0, 1), y.repeat_interleave(m)) * m
        rate = self.hits[pos] / self.visits[pos].clamp_min(1)      # history before this batch
        sign = (rate - rate.roll(1, 0)).sign_()
        ranking = torch.relu(sign.neg_() * (c - c.roll(1, 0))).mean(0).sum()
        loss = fused_loss + unimodal_loss + QMF_LAMBDA * ranking
        loss.backward()
        record.append(loss.detach())
        record.append(fused_loss.detach())
        record.append(ranking.detach())
        with torch.no_grad():
            self.visits.index_add_(0, pos, torch.ones_like(c))
            self.hits.index_add_(0, pos, (f.argmax(2) == y.unsqueeze(1)).float())
        self.step(self.opts)

    def predict(self, xs):
        f = self.torch.stack(self.unimodal(xs), 1)
        return (self.torch.logsumexp(f, 2).unsqueeze(2) / QMF_T * f).sum(1)


def build(ctx, method_id, shapes, classes, sgd_kind, graph, hgm_backend, fit_rows):
    if method_id in ("mla_hgm", "mla_nohgm"):
        return Mla(ctx, shapes, classes, sgd_kind, graph, method_id == "mla_hgm", hgm_backend)
    if method_id == "late":
        return LateFusion(ctx, shapes, classes, sgd_kind, graph)
    if method_id == "qmf":
        return Qmf(ctx, shapes, classes, sgd_kind, graph, fit_rows)
    if method_id == "ogm_ge":
        return OgmGe(ctx, shapes, classes, sgd_kind, graph)
    net = {"sum": "SumNet", "concat": "ConcatNet", "film": "FilmNet", "bigated": "BiGatedNet"}[method_id]
    return Joint(ctx, shapes, classes, sgd_kind, graph, net)


# ------------------------------------------------------------------------------------- measuring

def rss_mib():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024.0
    return float("nan")


def measure(ctx, data, shapes, classes, method_id, variant, args):
    torch = ctx["torch"]
    sgd_kind, graph = variant.split("/")
    (xs, y), (val_x, _), (test_x, test_y) = data["fit"], data["validation"], data["test"]
    if "channels-last" in graph:
        xs, val_x, test_x = ([x.contiguous(memory_format=torch.channels_last) for x in s] for s in (xs, val_x, test_x))
    torch.manual_seed(args.seed)
    model = build(ctx, method_id, shapes, classes, sgd_kind, graph, args.hgm_backend, len(y))
    n = len(y) if args.limit_batches is None else min(len(y), args.limit_batches * BATCH)
    generator = torch.Generator().manual_seed(args.seed)
    decay = round(0.7 * args.epochs)  # mla4j's default schedule: lr x0.1 from 70 % of the epochs
    seconds, cpu, rss, losses = [], [], [], []
    # inference mode for evaluation; a scripted model's executor then fails in the next training step
    # ("Inference tensors cannot be saved for backward"), so scripted variants evaluate under no_grad
    evaluation = torch.no_grad if "script" in graph else torch.inference_mode
    for epoch in range(args.epochs):
        start, cpu_start = time.perf_counter(), time.process_time()
        model.set_lr(LR * (0.1 if epoch >= decay else 1.0))
        order = torch.randperm(len(y), generator=generator)[:n]
        batches = [x.index_select(0, order).split(BATCH) for x in xs]  # one gather per epoch, views after
        labels, positions = y.index_select(0, order).split(BATCH), order.split(BATCH)
        record = []
        for b in range(len(labels)):
            model.train_batch([x[b] for x in batches], labels[b], positions[b], record)
        epoch_losses = torch.stack(record).view(len(labels), -1).mean(0).tolist()  # one read per epoch
        model.train(False)
        with evaluation():  # mla4j validates on 10 rows after every epoch
            model.predict(val_x).argmax(1)
        model.train(True)
        seconds.append(time.perf_counter() - start)
        cpu.append(time.process_time() - cpu_start)
        rss.append(rss_mib())
        losses.append(epoch_losses)
    model.train(False)
    with evaluation():
        accuracy = (model.predict(test_x).argmax(1) == test_y).float().mean().item()
    # mla bench's statistic: the upper median of the measured epochs' times (index len/2 of them
    # sorted), as samples/s
    measured = sorted(seconds[args.warmup:])
    measured_cpu = sorted(cpu[args.warmup:])
    cli, options, label = METHODS[method_id]
    return {"id": method_id, "method": cli, "options": options, "label": label, "encoder": args.encoder,
            "variant": variant, "fit_rows": len(y), "rows_per_epoch": n,
            "samples_per_second": n / measured[len(measured) // 2], "min": n / measured[-1], "max": n / measured[0],
            # process CPU time: with one thread, a figure less disturbed by other jobs than wall time
            "cpu_samples_per_second": n / measured_cpu[len(measured_cpu) // 2],
            "epoch_samples_per_second": [n / s for s in seconds], "epoch_seconds": seconds, "epoch_cpu_seconds": cpu,
            "resident_mib": rss, "final_losses": losses[-1], "test_accuracy": accuracy}


def openblas_info():
    libs = sorted({l.split()[-1] for l in open("/proc/self/maps") if "blas" in l or "lapack" in l})
    info = {"libraries": libs, "openblas_config": None, "openblas_threads": None}
    for path in libs:
        if "openblas" in path:
            lib = ctypes.CDLL(path)
            lib.openblas_get_config.restype = ctypes.c_char_p
            info["openblas_config"] = lib.openblas_get_config().decode()
            info["openblas_threads"] = lib.openblas_get_num_threads()
            info["_lib"] = lib
    return info


def worker(args):
    """One thread setting in this process: every method x variant; results to --worker-out."""
    import torch
    intra, blas_threads = parse_threads(args.threads)
    torch.set_num_threads(intra)
    torch.set_num_interop_threads(1)
    blas = openblas_info()
    if blas.get("_lib") is not None:
        blas.pop("_lib").openblas_set_num_threads(blas_threads)
        blas["openblas_threads"] = blas_threads
    denormal = torch.set_flush_denormal(True) if args.flush_denormal else False
    ctx = build_modules()
    data, shapes, classes, names = load(args.data, args.encoder)
    results = []
    for method_id in args.methods.split(","):
        for variant in args.variants.split(","):
            try:
                results.append(measure(ctx, data, shapes, classes, method_id, variant, args))
            except Exception as e:  # a variant that does not work here (e.g. scripting) is reported, not fatal
                results.append({"id": method_id, "variant": variant, "error": f"{type(e).__name__}: {e}"})
            r = results[-1]
            print(f"  [{args.threads} thr] {method_id:<10} {variant:<28} "
                  + (f"{r['samples_per_second']:>9.0f} samples/s  acc {r['test_accuracy']:.3f}" if "error" not in r
                     else r["error"][:100]), file=sys.stderr, flush=True)
    out = {"threads": args.threads, "intra_op_threads": torch.get_num_threads(),
           "inter_op_threads": torch.get_num_interop_threads(), "openblas_threads": blas["openblas_threads"],
           "omp_wait_policy": os.environ.get("OMP_WAIT_POLICY"), "flush_denormal": denormal,
           "torch": torch.__version__, "numpy": np.__version__, "torch_config": torch.__config__.show(),
           "parallel_info": torch.__config__.parallel_info(), "blas": blas,
           "torch_compile_available": hasattr(torch, "compile"), "modalities": names,
           "shapes": [list(s) for s in shapes], "training": results,
           "peak_resident_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0}
    with open(args.worker_out, "w") as f:
        json.dump(out, f)


def parse_threads(setting):
    """'1' -> (1, 1); '2' -> (2, 2); '2x1' -> torch intra-op 2, OpenBLAS 1."""
    a, _, b = setting.partition("x")
    return int(a), int(b or a)


# OpenBLAS kernel families a CPU may run, strongest first, with the CPU flags each needs
OPENBLAS_CORES = (("SkylakeX", ("avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl")),
                  ("Haswell", ("avx2", "fma")))
GEMM_PROBE = """
import ctypes, os, sys, time
import torch
torch.set_num_threads(1)
core = next((ctypes.CDLL(l.split()[-1]) for l in open('/proc/self/maps') if 'openblas' in l), None)
name = '?'
if core is not None:
    core.openblas_get_corename.restype = ctypes.c_char_p
    name = core.openblas_get_corename().decode()
a, b, c = torch.randn(64, 784), torch.randn(784, 128), torch.randn(128, 128)
h = a @ b
for _ in range(200):
    (a @ b) @ c
best = 0.0
for _ in range(5):
    t = time.perf_counter()
    for _ in range(200):
        (a @ b) @ c
    best = max(best, 200 * 2 * 64 * (784 * 128 + 128 * 128) / (time.perf_counter() - t) / 1e9)
print(name, best)
"""
_openblas_core = {}


def openblas_core():
    """The OPENBLAS_CORETYPE every measurement runs with, chosen once per invocation by measurement.

    OpenBLAS picks its kernels from the CPU model it recognises; a CPU newer than the library (model
    207, Emerald Rapids, with Debian's 0.3.21) falls back to Prescott's SSE3 kernels, 4-5x slower at
    these matrix sizes than the AVX-512 ones the CPU runs: a weak anchor. So the auto-detected kernels
    and each family the CPU's flags allow are timed on a one-thread 64x784x128 + 64x128x128 product in a
    fresh process, and the fastest is used (auto-detection kept when it is the fastest or matches).
    A user's own OPENBLAS_CORETYPE is kept. Returns {"coretype": name or None, "probe": {...}}.
    """
    if _openblas_core:
        return _openblas_core
    if os.environ.get("OPENBLAS_CORETYPE"):
        _openblas_core.update(coretype=os.environ["OPENBLAS_CORETYPE"], probe="set by the caller")
        return _openblas_core
    flags = set()
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("flags"):
                flags = set(line.split(":", 1)[1].split())
                break

    def rate(coretype):
        env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_CORETYPE"}
        env.update(OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1")
        if coretype:
            env["OPENBLAS_CORETYPE"] = coretype
        out = subprocess.run([sys.executable, "-c", GEMM_PROBE], env=env, check=True, capture_output=True,
                             text=True).stdout.split()
        return out[0], float(out[1])

    detected, auto_rate = rate(None)
    probe = {"auto": {"kernels": detected, "gflops": round(auto_rate, 1)}}
    best, best_rate = None, auto_rate
    for name, needs in OPENBLAS_CORES:
        if name.lower() == detected.lower() or not all(n in flags for n in needs):
            continue
        kernels, r = rate(name)
        probe[name] = {"kernels": kernels, "gflops": round(r, 1)}
        if r > best_rate * 1.1:  # only a clear win replaces what OpenBLAS chose itself
            best, best_rate = name, r
    _openblas_core.update(coretype=best, probe=probe)
    return _openblas_core


def openblas_core_line():
    core = openblas_core()
    if core["probe"] == "set by the caller":
        return f"OpenBLAS kernels: OPENBLAS_CORETYPE={core['coretype']} (set by the caller)"
    timed = ", ".join(f"{k} ({v['kernels']}) {v['gflops']:.0f}" for k, v in core["probe"].items())
    chosen = f"OPENBLAS_CORETYPE={core['coretype']}" if core["coretype"] else "its own choice"
    return f"OpenBLAS kernels, one-thread GEMM GFLOP/s: {timed}; every measurement runs with {chosen}"


def child_env(setting, wait_policy):
    intra, blas = parse_threads(setting)
    env = dict(os.environ)
    if openblas_core()["coretype"]:
        env["OPENBLAS_CORETYPE"] = openblas_core()["coretype"]
    env["OMP_NUM_THREADS"] = str(intra)
    env["OPENBLAS_NUM_THREADS"] = str(blas)
    if max(intra, blas) > 1 and wait_policy:
        # libgomp's workers spin after each parallel region and starve OpenBLAS's own threads
        env["OMP_WAIT_POLICY"] = wait_policy
    return env


def fmt(v):
    return f"{v / 1000:.1f}k" if v >= 10000 else f"{v:.0f}"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--encoder", choices=("mlp", "cnn"), default="mlp",
                    help="mlp: 3x128 MLPs on data/av_mnist_fsdd (mla bench's default); cnn: mla4j's SmallCnn on "
                         "the same features shaped as data/av_mnist_fsdd_raw's (1x28x28, 1x32x32)")
    ap.add_argument("--methods", help="comma-separated ids: " + ",".join(METHODS)
                    + " (default: all for mlp, mla_hgm,concat for cnn)")
    ap.add_argument("--threads", default="1,2", help="thread settings to try, each in its own process: N (torch "
                    "intra-op and OpenBLAS threads) or NxB (torch N, OpenBLAS B); default 1,2")
    ap.add_argument("--variants", help="comma-separated SGD/GRAPH, SGD in " + ",".join(SGD_KINDS) + ", GRAPH in "
                    + ",".join(GRAPH_KINDS) + "; or 'all'. Default: " + "; ".join(f"{k}: {v}" for k, v in
                                                                               DEFAULT_VARIANTS.items()))
    ap.add_argument("--epochs", type=int, help="epochs per measurement, warm-up included (default: 6 mlp, 3 cnn)")
    ap.add_argument("--warmup", type=int, help="epochs left out of the median (default: 1)")
    ap.add_argument("--rounds", type=int, default=1, help="repeat the thread settings alternately this often")
    ap.add_argument("--limit-batches", type=int, help="smoke tests only: train this many batches per epoch")
    ap.add_argument("--hgm-backend", choices=("numpy", "torch"), default="torch",
                    help="where HGM's float64 P lives: a torch tensor (default) or a numpy array on the host; one update + projection took 29-31 us either way here")
    ap.add_argument("--wait-policy", default="passive", help="OMP_WAIT_POLICY for settings with >1 thread "
                    "(default passive; '' leaves libgomp's default)")
    ap.add_argument("--allow-reference-blas", action="store_true",
                    help="measure even when torch is not using OpenBLAS (refused by default: a weak anchor)")
    ap.add_argument("--no-flush-denormal", dest="flush_denormal", action="store_false",
                    help="keep denormals (mla4j flushes them by default; so does this script)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--data", default=DATA, help="an .npy dataset folder (default: the bundled av_mnist_fsdd)")
    ap.add_argument("--json", dest="json_out", metavar="FILE", help="write the results as JSON")
    ap.add_argument("--verbose", action="store_true", help="print every variant, not only each setting's best")
    ap.add_argument("--worker-out", help=argparse.SUPPRESS)
    args = ap.parse_args()
    args.methods = args.methods or DEFAULT_METHODS[args.encoder]
    args.variants = args.variants or DEFAULT_VARIANTS[args.encoder]
    if args.variants == "all":
        graphs = GRAPH_KINDS if args.encoder == "cnn" else ("eager", "script")
        args.variants = ",".join(f"{s}/{g}" for s in SGD_KINDS for g in graphs)
    args.epochs = args.epochs or (3 if args.encoder == "cnn" else 6)
    args.warmup = 1 if args.warmup is None else args.warmup
    bad = [m for m in args.methods.split(",") if m not in METHODS]
    badv = [v for v in args.variants.split(",") if v.count("/") != 1 or v.split("/")[0] not in SGD_KINDS
            or v.split("/")[1] not in GRAPH_KINDS]
    if bad or badv or not 0 <= args.warmup < args.epochs:
        ap.error(f"unknown methods {bad} or variants {badv}, or not 0 <= --warmup < --epochs")
    if args.worker_out:
        return worker(args)
    if not args.allow_reference_blas:
        import torch  # noqa: F401 -- loads the BLAS that torch is linked against, so that it shows in the maps
        if openblas_info()["openblas_config"] is None:
            libs = ", ".join(openblas_info()["libraries"]) or "none found"
            sys.exit(f"anchor.py: torch uses a BLAS that is not OpenBLAS ({libs}); Debian's reference BLAS makes "
                     "eager PyTorch several times slower, a weak anchor. Install OpenBLAS (apt-get install -y "
                     "libopenblas0) or pass --allow-reference-blas")

    settings = args.threads.split(",")
    load_before = os.getloadavg()
    started = time.strftime("%Y-%m-%dT%H:%M:%S")
    children = []
    for rnd in range(args.rounds):
        for setting in settings:
            with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as tmp:
                path = tmp.name
            cmd = [sys.executable, os.path.abspath(__file__), "--worker-out", path, "--threads", setting]
            for k in ("encoder", "methods", "variants", "epochs", "warmup", "seed", "data", "hgm_backend"):
                cmd += ["--" + k.replace("_", "-"), str(getattr(args, k))]
            if args.limit_batches:
                cmd += ["--limit-batches", str(args.limit_batches)]
            if not args.flush_denormal:
                cmd.append("--no-flush-denormal")
            print(f"round {rnd + 1}/{args.rounds}, threads {setting}: load {os.getloadavg()[0]:.2f}",
                  file=sys.stderr, flush=True)
            subprocess.run(cmd, env=child_env(setting, args.wait_policy), check=True)
            with open(path) as f:
                child = json.load(f)
            os.unlink(path)
            child["round"] = rnd + 1
            children.append(child)

    # per method: for each thread setting the best variant (its median over rounds), and the best overall
    methods = args.methods.split(",")
    table = []
    for m in methods:
        row = {"id": m, "method": METHODS[m][0], "options": METHODS[m][1], "label": METHODS[m][2],
               "encoder": args.encoder, "by_threads": {}}
        for setting in settings:
            per_variant = {}
            for child in children:
                if child["threads"] != setting:
                    continue
                for r in child["training"]:
                    if r["id"] == m and "error" not in r:
                        per_variant.setdefault(r["variant"], []).append(r)
            if not per_variant:
                continue
            def summary(rs):
                med = sorted(r["samples_per_second"] for r in rs)
                cpu = sorted(r["cpu_samples_per_second"] for r in rs)
                return {"samples_per_second": med[len(med) // 2], "cpu_samples_per_second": cpu[len(cpu) // 2],
                        "min": min(r["min"] for r in rs),
                        "max": max(r["max"] for r in rs), "rounds": [r["samples_per_second"] for r in rs]}
            variants = {v: summary(rs) for v, rs in per_variant.items()}
            best = max(variants, key=lambda v: variants[v]["samples_per_second"])
            row["by_threads"][setting] = dict(variants[best], variant=best, variants=variants)
        if row["by_threads"]:
            bt = max(row["by_threads"], key=lambda s: row["by_threads"][s]["samples_per_second"])
            b = row["by_threads"][bt]
            row.update(best_threads=bt, best_variant=b["variant"], samples_per_second=b["samples_per_second"],
                       min=b["min"], max=b["max"])
        table.append(row)

    first = children[0]
    blas = first["blas"]
    print()
    print(f"torch {first['torch']} (torch.compile: {'available' if first['torch_compile_available'] else 'not in this version; eager and torch.jit.script tried'}), "
          f"numpy {first['numpy']}")
    print(f"BLAS: {', '.join(blas['libraries']) or 'none found'}; {blas['openblas_config'] or ''}")
    print(openblas_core_line())
    blas_line = next((l.strip() for l in first["torch_config"].splitlines() if "BLAS_INFO" in l), "")
    if blas_line:
        print("torch build: " + ", ".join(p.strip() for p in blas_line.split(",")
                                          if p.strip().startswith(("BLAS_INFO", "LAPACK_INFO", "USE_MKLDNN", "USE_OPENMP"))))
    print(f"encoder {args.encoder}, {first['training'][0].get('fit_rows', '?')} fit rows, batch {BATCH}, "
          f"{args.epochs} epochs ({args.warmup} warm-up), median of the rest [min-max of epochs], "
          f"{args.rounds} round(s); flush denormals {first['flush_denormal']}; OMP_WAIT_POLICY for >1 thread: "
          f"{args.wait_policy or 'default'}" + (f"; ONLY {args.limit_batches} batches per epoch (smoke test)"
                                                 if args.limit_batches else ""))
    header = f"{'method':<11}" + "".join(f"{(s + ' thr'):>24}" for s in settings) + "   best (threads, variant)"
    print(header)
    for row in table:
        cells = ""
        for s in settings:
            c = row["by_threads"].get(s)
            cells += f"{(fmt(c['samples_per_second']) + ' [' + fmt(c['min']) + '-' + fmt(c['max']) + ']') if c else 'failed':>24}"
        best = f"{row.get('best_threads', '?')} thr, {row.get('best_variant', '?')}"
        print(f"{row['id']:<11}{cells}   {best}")
        if args.verbose:
            for s in settings:
                for v, c in row["by_threads"].get(s, {}).get("variants", {}).items():
                    print(f"{'':<11}{s + ' thr':>8} {v:<34}{fmt(c['samples_per_second']):>8} "
                          f"[{fmt(c['min'])}-{fmt(c['max'])}]  per CPU second {fmt(c['cpu_samples_per_second'])}")
    errors = [(c["threads"], r["id"], r["variant"], r["error"]) for c in children for r in c["training"] if "error" in r]
    for e in errors:
        print(f"failed: {e[0]} thr {e[1]} {e[2]}: {e[3]}")
    chosen = {}
    for row in table:
        if "best_threads" in row:
            chosen[row["best_threads"]] = chosen.get(row["best_threads"], 0) + 1
    print("thread setting chosen (best per method): "
          + ", ".join(f"{s} thr for {n} of {len(table)} methods" for s, n in sorted(chosen.items()))
          + ("  (NxB: torch intra-op N, OpenBLAS B threads)" if any("x" in s for s in settings) else ""))
    print("peak resident memory: " + ", ".join(f"{c['threads']} thr {c['peak_resident_mib']:.0f} MiB" for c in children))
    out = {"schema": "mla4j-anchor-1", "date": started, "command": sys.argv,
           "machine": {"cpu": next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo")
                                    if l.startswith("model name")), "?"), "cores": os.cpu_count(),
                       "load_average_before": load_before, "load_average_after": os.getloadavg(),
                       "os": platform.platform(), "python": platform.python_version()},
           "torch": first["torch"], "torch_compile_available": first["torch_compile_available"],
           "blas": blas, "openblas_core": openblas_core(), "torch_config": first["torch_config"],
           "settings": {"encoder": args.encoder, "epochs": args.epochs, "warmup": args.warmup, "rounds": args.rounds,
                        "threads": settings, "variants": args.variants.split(","), "batch": BATCH, "lr": LR,
                        "momentum": MOMENTUM, "weight_decay": WEIGHT_DECAY, "seed": args.seed,
                        "hgm_backend": args.hgm_backend, "wait_policy": args.wait_policy,
                        "limit_batches": args.limit_batches, "data": os.path.abspath(args.data)},
           "results": table, "processes": children}
    if args.json_out:
        with open(args.json_out, "w") as f:
            json.dump(out, f, indent=1)
        print(f"JSON written to {args.json_out}")


if __name__ == "__main__":
    sys.exit(main())
