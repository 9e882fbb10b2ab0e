#!/usr/bin/python3
"""Summarises the outputs of bench/profile/profile.sh (a folder): perf shares, JNI calls and ATen ops
per MLA turn. MLA on av_mnist_fsdd: 2430 fit rows, batch 64 -> 38 batches, 2 turns each = 76 turns
per epoch."""
import collections
import json
import os
import re
import subprocess
import sys

TURNS_PER_EPOCH = 76


def thread_class(comm):
    if comm == "mla4j-sgd":
        return "background (mla4j-sgd)"
    if comm == "java":
        return "training (main)"
    if "Compiler" in comm:
        return "JIT compiler"
    if comm.startswith(("GC", "G1")):
        return "GC"
    return "other JVM"


GEMM = re.compile(r"gemm|mkl_blas|gemv|mkl_|libxsmm|dnnl", re.I)
KERNEL = re.compile(r"callback_fn<|VectorizedLoop|loop_2d_from_1d|_kernel\b|_kernel\(|_kernel_impl|cpu_kernel|"
                    r"at::vec::|Vectorized<|_loop\b|serial_for_each|parallel_for|invoke_parallel|cpu_serial_kernel")


def category(dso, sym):
    d = os.path.basename(dso)
    if d.startswith("libtorch_cpu") or d.startswith("libtorch.so"):
        if GEMM.search(sym):
            return "libtorch: matrix products (MKL GEMM)"
        if KERNEL.search(sym):
            return "libtorch: elementwise/reduction kernel loops"
        if "autograd" in sym:
            return "libtorch: autograd (graph recording, engine, VariableType)"
        return "libtorch: op dispatch and tensor bookkeeping (dispatcher, TensorIterator set-up, shape checks, ...)"
    if d.startswith("libc10"):
        return "libc10: allocator, TensorImpl, dispatch"
    if "gomp" in d:
        return "libgomp (OpenMP)"
    if "djl_torch" in d:
        return "DJL JNI glue (libdjl_torch.so)"
    if d.startswith("libjvm"):
        return "JVM runtime (libjvm: JNI transitions, GC barriers, runtime calls)"
    if d.startswith("perf-") or d in ("[JIT]", "[unknown]") or "perf-" in dso:
        return "Java code (JIT-compiled, incl. DJL's Java side)"
    if d.startswith("libc.so") or d.startswith("libc-"):
        return "libc (malloc/free, memcpy, memset)"
    if d.startswith("libm.") or d.startswith("libm-"):
        return "libm"
    if "kernel" in d or d.startswith("[k"):
        return "Linux kernel (page faults, futex, scheduling)"
    return "other: " + d


def samples(data):
    """(comm, [(sym, dso), ...] leaf first) per sample of `perf script` with call chains."""
    proc = subprocess.Popen(["perf", "script", "-i", data, "-F", "comm,tid,ip,sym,dso"], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    head_re = re.compile(r"^(\S.*?)\s+(\d+)\s*$|^\s*(.*?)\s+(\d+)\s*$")
    frame_re = re.compile(r"^\s+[0-9a-f]+\s+(.*)\s+\(([^()]*)\)\s*$")
    comm, frames = None, []
    for line in proc.stdout:
        line = line.rstrip("\n")
        if not line.strip():
            if comm is not None:
                yield comm, frames
            comm, frames = None, []
            continue
        m = frame_re.match(line)
        if m and comm is not None:
            frames.append((m.group(1), m.group(2)))
            continue
        h = head_re.match(line)
        if h:
            comm = (h.group(1) or h.group(3)).strip()
    if comm is not None:
        yield comm, frames


def phase(comm, frames):
    """Which part of an epoch a training-thread sample belongs to, from the Java frames perf could unwind
    (frame pointers: a sample inside libtorch, built without them, often shows no Java caller)."""
    names = " ".join(sym for sym, _ in frames)
    if comm == "mla4j-sgd":
        return "background thread (encoder backward halves and updates)"
    if "Mla.trainBatch" in names:
        return "training thread, inside Mla.trainBatch"
    if "Trainer.fit" in names or "TensorSplit" in names or "Evaluator" in names:
        return "training thread, epoch work outside the steps (shuffled gather, 10-row validation, loss read)"
    if any(d.startswith("/tmp/perf-") for _, d in frames):
        return "training thread, other Java frames"
    return "training thread, native code without an unwound Java caller (most of it libtorch under a step)"


def perf_summary(folder):
    data = os.path.join(folder, "perf.data")
    if not os.path.exists(data):
        return None
    threads = collections.Counter()
    phases = collections.Counter()
    cats = collections.defaultdict(collections.Counter)
    syms = collections.defaultdict(collections.Counter)
    for comm, frames in samples(data):
        t = thread_class(comm)
        threads[t] += 1
        if not frames or t not in ("training (main)", "background (mla4j-sgd)"):
            continue
        phases[phase(comm, frames)] += 1
        sym, dso = frames[0]
        cats[t][category(dso, sym)] += 1
        syms[t][(os.path.basename(dso), sym)] += 1
    return threads, phases, cats, syms


def jni_counts(folder):
    counts = {}
    for e in (2, 6):
        path = os.path.join(folder, f"jni-count-{e}.csv")
        if not os.path.exists(path):
            return None
        c = {}
        for line in open(path):
            parts = line.strip().split(",")
            if len(parts) > 2 and parts[2].startswith("djl:"):
                try:
                    c[parts[2][4:]] = int(parts[0])
                except ValueError:
                    pass
        counts[e] = c
    per_epoch = {k: (counts[6].get(k, 0) - counts[2].get(k, 0)) / 4.0 for k in set(counts[6]) | set(counts[2])}
    return {k: v for k, v in per_epoch.items() if v}


def top_level_ops(path):
    ev = json.load(open(path))
    ev = ev["traceEvents"] if isinstance(ev, dict) else ev
    by_tid = collections.defaultdict(list)
    for e in ev:
        if e.get("ph") == "X":
            by_tid[e.get("tid")].append(e)
    top, self_time, all_count = collections.Counter(), collections.defaultdict(list), collections.Counter()
    for tid, es in by_tid.items():
        es.sort(key=lambda e: (e["ts"], -e["dur"]))
        stack = []
        for e in es:
            end = e["ts"] + e["dur"]
            while stack and stack[-1][0] <= e["ts"]:
                stack.pop()
            if stack:
                stack[-1][1]["_child"] = stack[-1][1].get("_child", 0) + e["dur"]
            else:
                top[e["name"]] += 1
            all_count[e["name"]] += 1
            stack.append((end, e))
        for e in es:
            self_time[e["name"]].append(e["dur"] - e.get("_child", 0))
    return top, self_time, all_count


def trace_summary(folder):
    a, b = os.path.join(folder, "trace-1.json"), os.path.join(folder, "trace-3.json")
    if not (os.path.exists(a) and os.path.exists(b)):
        return None
    (t1, s1, c1), (t3, s3, c3) = top_level_ops(a), top_level_ops(b)
    top = {k: (t3[k] - t1[k]) / 2.0 for k in set(t1) | set(t3)}
    # typical self time: calls x median self time (on a busy machine a preempted call can last
    # milliseconds, and sums are dominated by such outliers)
    def typical(xs):
        xs = sorted(xs)
        return len(xs) * xs[len(xs) // 2] if xs else 0.0
    self_us = {k: (typical(s3.get(k, [])) - typical(s1.get(k, []))) / 2.0 for k in set(s1) | set(s3)}
    allc = {k: (c3[k] - c1[k]) / 2.0 for k in set(c1) | set(c3)}
    return top, self_us, allc


def main():
    folder = sys.argv[1]
    print(open(os.path.join(folder, "machine.txt")).read().strip())
    p = perf_summary(folder)
    if p:
        threads, phases, cats, syms = p
        total = sum(threads.values())
        print(f"\n## perf: {total} cpu-clock samples (1999 Hz) of a steady-state JVM training MLA + HGM")
        for t, n in threads.most_common():
            print(f"  {t:<28} {100 * n / total:5.1f} % of samples")
        nph = sum(phases.values())
        print(f"\n  the two training threads ({nph} samples; the run is all steady-state epochs) by phase:")
        for ph, n in phases.most_common():
            print(f"    {100 * n / nph:5.1f} %  {ph}")
        train = ["training (main)", "background (mla4j-sgd)"]
        both = collections.Counter()
        for t in train:
            both.update(cats[t])
        nb = sum(both.values())
        print(f"\n  both training threads ({nb} samples), by where the CPU was (the leaf frame's library and symbol):")
        for c, n in both.most_common():
            print(f"    {100 * n / nb:5.1f} %  {c}")
        loops = collections.Counter()
        for t in train:
            for (dso, sym), n in syms[t].items():
                if category(dso, sym).startswith("libtorch: elementwise"):
                    k = re.findall(r"([A-Za-z0-9_]+_kernel(?:_impl)?)\b", sym)
                    loops[k[0] if k else sym[:60]] += n
        if loops:
            nl = sum(loops.values())
            print(f"\n  elementwise/reduction kernel loops ({nl} samples, {100 * nl / nb:.1f} %), by kernel:")
            for k, n in loops.most_common(12):
                print(f"    {100 * n / nb:5.1f} % of both threads  {k}")
        for t in train:
            n_t = sum(cats[t].values())
            if not n_t:
                continue
            print(f"\n  {t}: {n_t} samples; top symbols")
            for (dso, sym), n in syms[t].most_common(25):
                print(f"    {100 * n / n_t:5.1f} %  {dso:<24} {sym[:110]}")
    j = jni_counts(folder)
    if j:
        total = sum(j.values())
        print(f"\n## JNI calls into libdjl_torch.so (uprobes; (6-epoch run - 2-epoch run) / 4)")
        print(f"  per epoch {total:.0f}, per MLA turn {total / TURNS_PER_EPOCH:.1f} "
              f"(an epoch = {TURNS_PER_EPOCH} turns + one 10-row validation and the epoch's gather)")
        for k, v in sorted(j.items(), key=lambda kv: -kv[1]):
            print(f"    {v / TURNS_PER_EPOCH:7.2f} per turn  {k}")
    tr = trace_summary(folder)
    if tr:
        top, self_us, allc = tr
        ntop = sum(top.values())
        print(f"\n## libtorch profiler (background updates off; (3-epoch - 1-epoch) / 2, profiler overhead included)")
        print(f"  top-level ATen ops per epoch {ntop:.0f}, per turn {ntop / TURNS_PER_EPOCH:.1f}; all recorded ops "
              f"(nested included) per turn {sum(allc.values()) / TURNS_PER_EPOCH:.1f}")
        for k, v in sorted(top.items(), key=lambda kv: -kv[1])[:30]:
            if v:
                print(f"    {v / TURNS_PER_EPOCH:6.2f} per turn  {k}")
        tot = sum(v for v in self_us.values() if v > 0)
        print(f"  typical self time (calls x median) of the recorded ops per epoch {tot / 1e3:.1f} ms; largest:")
        for k, v in sorted(self_us.items(), key=lambda kv: -kv[1])[:15]:
            print(f"    {100 * v / tot:5.1f} %  {v / 1e3:7.2f} ms  {k}")


if __name__ == "__main__":
    main()
