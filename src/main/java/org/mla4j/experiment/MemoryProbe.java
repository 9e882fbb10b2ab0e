package org.mla4j.experiment;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.data.load.DatasetLoader;
import org.mla4j.io.Json;
import org.mla4j.run.RunConfig;
import org.mla4j.run.SavedRun;
import org.mla4j.run.TrainingRun;
import org.mla4j.train.EpochListener;

/**
 * Peak memory of training one run's settings, measured in a fresh JVM: resident memory (RSS) is a
 * property of a whole process, and the runs of a grid share one (and may run side by side), so a
 * run's own peak cannot be read inside the grid. The probe process loads the dataset, starts the
 * engine, resets the kernel's peak ({@code /proc/self/clear_refs} ← 5), records its resident memory
 * ({@code VmRSS}, the baseline), trains the run's settings for a few epochs and reports the peak
 * ({@code VmHWM}): peak − baseline is the memory training itself needs (tensors, optimiser
 * state, the method's buffers). The child runs with this JVM's memory flags and engine settings.
 * Linux only (elsewhere the probe reports nothing).
 */
public final class MemoryProbe {
    /** @param reset whether the kernel's peak could be reset (otherwise the peak covers the whole process) */
    public record Memory(double baselineMiB, double peakMiB, boolean reset) {
        public double trainingMiB() {
            return peakMiB - baselineMiB;
        }
    }

    private static final long TIMEOUT_MINUTES = 10;

    private MemoryProbe() {
    }

    /**
     * Runs the probe for the run in {@code runDir} on {@code dataFolder}.
     *
     * @throws IllegalStateException if the probe process fails (the message says why)
     */
    public static Memory measure(Path runDir, Path dataFolder, int epochs) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin",
                "java").toString()));
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("-X") || arg.startsWith("-D")) { // memory flags and engine settings, not agents
                command.add(arg);
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), MemoryProbe.class.getName(),
                runDir.toAbsolutePath().toString(), dataFolder.toAbsolutePath().toString(), String.valueOf(epochs)));
        try {
            Path log = Files.createTempFile("mla4j-memory-probe", ".log");
            try {
                Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
                if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                    p.destroyForcibly();
                    throw new IllegalStateException("the memory probe did not finish in " + TIMEOUT_MINUTES + " min");
                }
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                String last = lines.stream().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElse(null);
                if (p.exitValue() != 0 || last == null) {
                    throw new IllegalStateException("the memory probe exited with " + p.exitValue() + ": "
                            + String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size())));
                }
                var node = Json.MAPPER.readTree(last);
                return new Memory(node.get("baseline_mib").asDouble(), node.get("peak_mib").asDouble(),
                        node.get("reset").asBoolean());
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new IllegalStateException("the memory probe could not run (" + e.getMessage() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the memory probe ran", e);
        }
    }

    /** The probe process: {@code RUN_DIR DATA_FOLDER EPOCHS}; prints one JSON line. */
    public static void main(String[] args) throws IOException {
        Path runDir = Path.of(args[0]);
        MultimodalDataset dataset = DatasetLoader.load(Path.of(args[1]));
        RunConfig config = SavedRun.settings(runDir).withEpochs(Integer.parseInt(args[2]));
        try (NDManager warmUp = NDManager.newBaseManager()) {
            warmUp.create(new float[] {1f}).add(warmUp.create(new float[] {1f})).toFloatArray(); // the engine loaded
        }
        System.gc();
        boolean reset = resetPeak();
        double baseline = status("VmRSS:");
        TrainingRun.execute(config, dataset, EpochListener.NONE);
        // the kernel updates its peak lazily (when pages are unmapped), so it can trail a baseline read
        // a moment after the reset by a page or two; the interval's peak is at least its start
        double peak = Math.max(baseline, status("VmHWM:"));
        System.out.println(String.format(Locale.ROOT, "{\"baseline_mib\": %.1f, \"peak_mib\": %.1f, \"reset\": %b}",
                baseline, peak, reset));
        System.out.flush();
        System.exit(0); // the engine's threads must not keep the probe alive
    }

    private static boolean resetPeak() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static double status(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        throw new IOException("/proc/self/status has no " + field);
    }
}
