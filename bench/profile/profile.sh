#!/usr/bin/env bash
# Where one mla4j MLA + HGM training step spends its time, without changing mla4j:
#   1. perf (cpu-clock samples) on a steady-state JVM: shares by library, symbol and thread
#   2. uprobes on every JNI entry point of DJL's libdjl_torch.so: exact JNI calls per MLA turn
#   3. libtorch's own profiler (DJL JniUtils.startProfile): ATen ops per turn and their self time
# Results go to OUT (default runs/profile/<time>); bench/pytorch/PROFILE.md is written from them.
# Needs: a built target/mla4j.jar (./mla --version builds it), linux-perf, root for the uprobes
# (tracefs at /sys/kernel/tracing: mounted for the count and unmounted again if it was not).
# Steps: PERF=0 / COUNT=0 / TRACE=0 skip one. WARMUP_S (default 20), PERF_S (10), DATA, OUT.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${OUT:-$root/runs/profile/$(date +%Y%m%d-%H%M%S)}"
data="${DATA:-$root/data/av_mnist_fsdd}"
warmup_s="${WARMUP_S:-20}"
perf_s="${PERF_S:-10}"
mkdir -p "$out"
cd "$root"
[ -f target/mla4j.jar ] || ./mla --version > /dev/null
lib="$(ls "$HOME"/.djl.ai/pytorch/*/[0-9]*-libdjl_torch.so | head -1)"
# the launcher's JVM settings (./mla); for perf also frame pointers and a perf map of JIT-compiled Java
jopts=(-XX:MaxNewSize=32m -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1
       -Dmla4j.flush_denormals=1 -Dmla4j.home="$root")
perf_opts=(-XX:+UnlockDiagnosticVMOptions -XX:+DumpPerfMapAtExit -XX:+PreserveFramePointer)
export TORCH_CPP_LOG_LEVEL=ERROR
harness=(java "${jopts[@]}" -cp "target/mla4j.jar:target/lib/*" "$here/MlaProfile.java")
{ date -Iseconds; uname -a; grep -m1 "model name" /proc/cpuinfo; nproc; java -version 2>&1 | head -1; git rev-parse HEAD;
  cat /proc/loadavg; } > "$out/machine.txt"

if [ "${PERF:-1}" = 1 ]; then
  echo "perf: one long MLA + HGM run; after ${warmup_s} s of training (JIT warm-up), ${perf_s} s of cpu-clock samples" >&2
  java "${jopts[@]}" "${perf_opts[@]}" -cp "target/mla4j.jar:target/lib/*" "$here/MlaProfile.java" \
    perf "$data" "$warmup_s" "$((perf_s + 3))" > "$out/perf-harness.txt" 2>&1 &
  pid=$!
  until grep -q STEADY "$out/perf-harness.txt" 2>/dev/null; do sleep 0.2; done
  cat /proc/loadavg > "$out/perf-load.txt"
  perf record -e cpu-clock -F 1999 -g -p "$pid" -o "$out/perf.data" -- sleep "$perf_s" 2> "$out/perf-record.txt"
  wait "$pid"
  cat /proc/loadavg >> "$out/perf-load.txt"
  perf report -i "$out/perf.data" --no-children --sort comm,dso --stdio 2>/dev/null > "$out/perf-dso.txt"
  perf report -i "$out/perf.data" --no-children --sort comm,dso,sym --stdio -g none 2>/dev/null > "$out/perf-sym.txt"
  perf report -i "$out/perf.data" --children --sort sym --stdio -g none 2>/dev/null > "$out/perf-children.txt"
fi

if [ "${COUNT:-1}" = 1 ]; then
  echo "uprobes: JNI calls of a 2-epoch and a 6-epoch run (no JIT warm-up; counts do not depend on it)" >&2
  mounted=0
  mountpoint -q /sys/kernel/tracing || { mount -t tracefs nodev /sys/kernel/tracing && mounted=1; }
  perf probe -d 'djl:*' > /dev/null 2>&1 || true
  nm -D --defined-only "$lib" | awk '$2 == "T" && $3 ~ /^Java_ai_djl_pytorch_jni_PyTorchLibrary_/ {print $3}' > "$out/jni-symbols.txt"
  while read -r sym; do
    perf probe -q -x "$lib" --add "djl:${sym#Java_ai_djl_pytorch_jni_PyTorchLibrary_}=$sym" 2>/dev/null || echo "no probe: $sym" >&2
  done < "$out/jni-symbols.txt"
  for e in 2 6; do
    perf stat -x, -e 'djl:*' -o "$out/jni-count-$e.csv" -- "${harness[@]}" count "$data" "$e" > "$out/jni-count-$e.txt" 2>&1
  done
  perf probe -d 'djl:*' > /dev/null 2>&1 || true
  if [ "$mounted" = 1 ]; then umount /sys/kernel/tracing; fi
fi

if [ "${TRACE:-1}" = 1 ]; then
  echo "libtorch profiler: a 1-epoch and a 3-epoch run, background updates off (the profiler sees one thread)" >&2
  for e in 1 3; do
    java -Dmla4j.background_updates=false "${jopts[@]}" -cp "target/mla4j.jar:target/lib/*" "$here/MlaProfile.java" \
      trace "$data" "$e" "$out/trace-$e.json" > "$out/trace-$e.txt" 2>&1
  done
fi
/usr/bin/python3 "$here/summarize.py" "$out" | tee "$out/summary.txt"
# perf reads JIT symbols from /tmp/perf-PID.map; keep it with the results instead (copy it back to
# /tmp to re-run summarize.py on this folder)
if [ -n "${pid:-}" ] && [ -f "/tmp/perf-$pid.map" ]; then mv "/tmp/perf-$pid.map" "$out/"; fi
