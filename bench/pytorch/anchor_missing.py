#!/usr/bin/python3
"""The speed anchor for Table 2's dominant method: MMIN in plain eager PyTorch, with its own recipe.

MMIN (spec MISSING-BASELINES section 6, as mla4j builds it in Mmin.java) is the most expensive run of
the Table 2 grid (a fifth of its training time). This trains the same computation as
`./mla train --method mmin` on the fit split of data/av_mnist_fsdd: the teacher (an FC-Enc per
modality, dropout 0.3, and an FC-Enc classifier on their concatenation) on complete samples for T
epochs, then the student: FC-Enc encoders (dropout 0.5) on the zero-filled inputs, the imagination
cascade and the backward cycle (cumulative residual autoencoders, 5 blocks of 256-128-64 with a
256-256 transition), the classifier on the cascade's 5 x 64 latents, loss
CE + 4 MSE(imagined, frozen teacher on the reverse input) + 2 MSE(cycled, h.detach()). Adam lr 1e-3,
betas (0.5, 0.999), batch 256 reshuffled every epoch (last partial batch kept), gradients clipped to
norm 5 per parameter group (each encoder, each cascade, the classifier), masks drawn by the
independent protocol at rate eta. The learning rate is held constant (mla4j's linear decay changes
values, not work).

Reported: fit samples per second of a student epoch's training loop (no validation; mla4j's side
subtracts its history.csv's validation_seconds), median over the student epochs after the first,
for each thread setting and implementation variant, and the best. A measuring aid only.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import anchor  # noqa: E402  (its data loading, BLAS check and thread settings)

WIDTH, LAYERS = 128, 3
BATCH, LR, BETAS, CLIP = 256, 1e-3, (0.5, 0.999), 5.0
CASCADE, BLOCKS = (256, 128, 64), 5
IMAGINATION_WEIGHT, CYCLE_WEIGHT = 4.0, 2.0
VARIANTS = ("adam-foreach", "adam-loop")


def build(torch, dims, classes):
    nn = torch.nn

    def fc_enc(d_in, d_out, dropout):
        """GCNet's FC-Enc: Linear(d_in, w)-ReLU-Dropout ... Linear(w, d_out), no activation at the end."""
        layers, d = [], d_in
        for _ in range(LAYERS - 1):
            layers += [nn.Linear(d, WIDTH), nn.ReLU(inplace=True), nn.Dropout(dropout)]
            d = WIDTH
        layers.append(nn.Linear(d, d_out))
        return nn.Sequential(*layers)

    def chain(sizes, act):
        layers = []
        for i in range(len(sizes) - 1):
            layers.append(nn.Linear(sizes[i], sizes[i + 1]))
            if i < len(sizes) - 2:
                layers.append(act())
        return nn.Sequential(*layers)

    class Cascade(nn.Module):
        """Cumulative residual autoencoders: in_1 = h; in_b = in_{b-1} + u_{b-1}; z_b = E_b(in_b);
        u_b = D_b(z_b); reconstruction Tr(in_nb + u_nb); latents [z_1 .. z_nb]."""

        def __init__(self, dim):
            super().__init__()
            enc = (dim,) + CASCADE
            self.encoders = nn.ModuleList(chain(enc, lambda: nn.LeakyReLU(0.01)) for _ in range(BLOCKS))
            self.decoders = nn.ModuleList(chain(enc[::-1], lambda: nn.ReLU()) for _ in range(BLOCKS))
            self.transition = chain((dim, dim, dim), lambda: nn.ReLU())

        def forward(self, h, want_latents: bool):
            x, u, latents = h, None, []
            for e, d in zip(self.encoders, self.decoders):
                if u is not None:
                    x = x + u
                z = e(x)
                if want_latents:
                    latents.append(z)
                u = d(z)
            return self.transition(x + u), latents

    code = WIDTH * len(dims)
    teacher = nn.ModuleList([fc_enc(d, WIDTH, 0.3) for d in dims])
    teacher_classifier = fc_enc(code, classes, 0.3)
    encoders = nn.ModuleList([fc_enc(d, WIDTH, 0.5) for d in dims])
    imagination, cycle = Cascade(code), Cascade(code)
    classifier = fc_enc(BLOCKS * CASCADE[-1], classes, 0.5)
    return teacher, teacher_classifier, encoders, imagination, cycle, classifier


class Groups:
    """Adam over every group, clipping each group to norm CLIP first (torch.nn.utils.clip_grad_norm_)."""

    def __init__(self, torch, groups, variant):
        self.torch = torch
        self.groups = [list(g.parameters()) for g in groups]
        params = [p for g in self.groups for p in g]
        self.opt = torch.optim.Adam(params, lr=LR, betas=BETAS, foreach=(variant == "adam-foreach"))

    def step(self):
        for g in self.groups:
            self.torch.nn.utils.clip_grad_norm_(g, CLIP)
        self.opt.step()
        self.opt.zero_grad(set_to_none=True)


def independent_masks(rng, rows, modalities, eta):
    """1 where present: each cell dropped with probability eta, a row that lost all drawn again."""
    present = rng.random((rows, modalities)) >= eta
    empty = ~present.any(1)
    while empty.any():
        present[empty] = rng.random((int(empty.sum()), modalities)) >= eta
        empty = ~present.any(1)
    return present


def measure(torch, data, classes, variant, args):
    F = torch.nn.functional
    (xs, y) = data["fit"]
    torch.manual_seed(args.seed)
    teacher, teacher_classifier, encoders, imagination, cycle, classifier = build(
        torch, [x.shape[1] for x in xs], classes)
    present = torch.from_numpy(independent_masks(np.random.default_rng(args.seed), len(y), len(xs),
                                                 args.missing_rate).astype(np.float32))
    fed = [x * present[:, m:m + 1] for m, x in enumerate(xs)]
    reverse = [x * (1 - present[:, m:m + 1]) for m, x in enumerate(xs)]  # the known values not fed
    teacher_opt = Groups(torch, list(teacher) + [teacher_classifier], variant)
    student_opt = Groups(torch, list(encoders) + [imagination, cycle, classifier], variant)
    generator = torch.Generator().manual_seed(args.seed)
    seconds, cpu = [], []
    for epoch in range(args.teacher_epochs + args.student_epochs):
        student = epoch >= args.teacher_epochs
        if epoch == args.teacher_epochs:
            for t, s in zip(teacher, encoders):
                s.load_state_dict(t.state_dict())  # the student's encoders start as the teacher's
            teacher.eval()
        start, cpu_start = time.perf_counter(), time.process_time()
        order = torch.randperm(len(y), generator=generator)
        labels = y.index_select(0, order).split(BATCH)
        if not student:
            # every cell of the fit split is known (simulated masks keep the hidden value): all rows
            full = [x.index_select(0, order).split(BATCH) for x in xs]
            for b in range(len(labels)):
                h = torch.cat([t(x[b]) for t, x in zip(teacher, full)], 1)
                F.cross_entropy(teacher_classifier(h), labels[b]).backward()
                teacher_opt.step()
        else:
            fed_b = [x.index_select(0, order).split(BATCH) for x in fed]
            rev_b = [x.index_select(0, order).split(BATCH) for x in reverse]
            for b in range(len(labels)):
                with torch.no_grad():
                    target = torch.cat([t(x[b]) for t, x in zip(teacher, rev_b)], 1)
                h = torch.cat([e(x[b]) for e, x in zip(encoders, fed_b)], 1)
                imagined, latents = imagination(h, True)
                logits = classifier(torch.cat(latents, 1))
                cycled, _ = cycle(imagined, False)
                loss = (F.cross_entropy(logits, labels[b]) + IMAGINATION_WEIGHT * F.mse_loss(imagined, target)
                        + CYCLE_WEIGHT * F.mse_loss(cycled, h.detach()))
                loss.backward()
                student_opt.step()
        seconds.append(time.perf_counter() - start)
        cpu.append(time.process_time() - cpu_start)
    measured = sorted(seconds[args.teacher_epochs + 1:])
    measured_cpu = sorted(cpu[args.teacher_epochs + 1:])
    n = len(y)
    return {"id": "mmin", "variant": variant, "fit_rows": n, "batch": BATCH,
            "samples_per_second": n / measured[len(measured) // 2], "min": n / measured[-1], "max": n / measured[0],
            "cpu_samples_per_second": n / measured_cpu[len(measured_cpu) // 2], "epoch_seconds": seconds,
            "teacher_epochs": args.teacher_epochs}


def worker(args):
    import torch
    intra, blas_threads = anchor.parse_threads(args.threads)
    torch.set_num_threads(intra)
    torch.set_num_interop_threads(1)
    blas = anchor.openblas_info()
    if blas.get("_lib") is not None:
        blas.pop("_lib").openblas_set_num_threads(blas_threads)
        blas["openblas_threads"] = blas_threads
    torch.set_flush_denormal(True)
    data, _, classes, names = anchor.load(args.data, "mlp")
    results = []
    for variant in args.variants.split(","):
        results.append(measure(torch, data, classes, variant, args))
        r = results[-1]
        print(f"  [{args.threads} thr] mmin {variant:<14} {r['samples_per_second']:>8.0f} samples/s", file=sys.stderr,
              flush=True)
    with open(args.worker_out, "w") as f:
        json.dump({"threads": args.threads, "torch": torch.__version__, "blas": blas, "training": results}, f)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--threads", default="1,2", help="thread settings, each in its own process (default 1,2)")
    ap.add_argument("--variants", default=",".join(VARIANTS), help="comma-separated, of " + ",".join(VARIANTS))
    ap.add_argument("--teacher-epochs", type=int, default=2, help="teacher epochs before the student (default 2)")
    ap.add_argument("--student-epochs", type=int, default=6,
                    help="student epochs; the first is left out of the median (default 6)")
    ap.add_argument("--missing-rate", type=float, default=0.3)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--data", default=anchor.DATA)
    ap.add_argument("--json", dest="json_out", metavar="FILE")
    ap.add_argument("--worker-out", help=argparse.SUPPRESS)
    args = ap.parse_args()
    bad = [v for v in args.variants.split(",") if v not in VARIANTS]
    if bad or args.student_epochs < 2 or args.teacher_epochs < 1 or not 0 <= args.missing_rate < 1:
        ap.error(f"unknown variants {bad}, or --student-epochs < 2, --teacher-epochs < 1, eta outside [0, 1)")
    if args.worker_out:
        return worker(args)
    import torch  # noqa: F401 -- loads torch's BLAS, so that the check below sees it
    if anchor.openblas_info()["openblas_config"] is None:
        sys.exit("anchor_missing.py: torch does not use OpenBLAS here (apt-get install -y libopenblas0): a weak anchor")
    children = []
    load_before = os.getloadavg()
    for setting in args.threads.split(","):
        with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as tmp:
            path = tmp.name
        cmd = [sys.executable, os.path.abspath(__file__), "--worker-out", path, "--threads", setting]
        for k in ("variants", "teacher_epochs", "student_epochs", "missing_rate", "seed", "data"):
            cmd += ["--" + k.replace("_", "-"), str(getattr(args, k))]
        subprocess.run(cmd, env=anchor.child_env(setting, "passive"), check=True)
        with open(path) as f:
            children.append(json.load(f))
        os.unlink(path)
    best = max(((c["threads"], r) for c in children for r in c["training"]), key=lambda t: t[1]["samples_per_second"])
    first = children[0]
    print(f"torch {first['torch']}; BLAS {first['blas']['openblas_config']}")
    print(anchor.openblas_core_line())
    for c in children:
        for r in c["training"]:
            print(f"mmin  {c['threads']} thr  {r['variant']:<14} {r['samples_per_second']:>8.0f} samples/s "
                  f"[{r['min']:.0f}-{r['max']:.0f}]")
    print(f"best: {best[1]['samples_per_second']:.0f} samples/s ({best[0]} thr, {best[1]['variant']})")
    if args.json_out:
        with open(args.json_out, "w") as f:
            json.dump({"schema": "mla4j-anchor-missing-1", "date": time.strftime("%Y-%m-%dT%H:%M:%S"),
                       "command": sys.argv, "load_average_before": load_before, "load_average_after": os.getloadavg(),
                       "openblas_core": anchor.openblas_core(),
                       "best": {"threads": best[0], **best[1]}, "processes": children}, f, indent=1)


if __name__ == "__main__":
    sys.exit(main())
