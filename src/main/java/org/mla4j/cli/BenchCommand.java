package org.mla4j.cli;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mla4j.bench.ArithmeticFloor;
import org.mla4j.bench.HgmCost;
import org.mla4j.bench.InferenceThroughput;
import org.mla4j.bench.JitWarmup;
import org.mla4j.bench.MatmulRate;
import org.mla4j.bench.ProcessMemory;
import org.mla4j.bench.TrainingThroughput;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.data.load.DatasetLoader;
import org.mla4j.engine.EngineThreads;
import org.mla4j.engine.FlushToZero;
import org.mla4j.io.AtomicFiles;
import org.mla4j.io.Json;
import org.mla4j.io.Versions;
import org.mla4j.method.Methods;
import org.mla4j.method.mla.MlaOptions;
import org.mla4j.nn.EncoderSpec;
import org.mla4j.settings.SettingValues;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mla bench}: speed and memory on the bundled data, as a table and a JSON file. */
@Command(name = "bench", header = "Measure training/inference speed, HGM cost and memory.", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measures training throughput (MLA with HGM on and off, Concat), the cost",
                "of one HGM update, inference throughput, live engine arrays and resident",
                "memory per epoch, and the arithmetic floor. Engine threads come from",
                "MLA4J_THREADS (default 1), flushing denormal floats from",
                "MLA4J_FLUSH_DENORMALS (default 1 = on); both are recorded in the output.", ""})
final class BenchCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR", description = "Dataset folder. Default: the bundled av_mnist_fsdd.")
    Path data;

    @Option(names = "--epochs", defaultValue = "10",
            description = "Epochs per throughput measurement, warm-up included (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--warmup", defaultValue = "2",
            description = "Epochs of each measurement left out of its median (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--jit-warmup", defaultValue = "30", paramLabel = "SECONDS",
            description = "Before timing anything, train MLA in throwaway runs until the JIT compiler is quiet, "
                    + "for at most this long; 0 times a cold JVM (default: ${DEFAULT-VALUE}).")
    double jitWarmupSeconds;

    @Option(names = "--methods", defaultValue = "mla_hgm,mla_nohgm,concat", paramLabel = "all|ID[,ID...]",
            description = "Configurations to time: mla_hgm, mla_nohgm, or any method name (ogm-ge or ogm_ge); all = "
                    + "both MLA configurations and every other method (default: ${DEFAULT-VALUE}). The Table 1 methods "
                    + "train with the shared loop (SGD, batch 64); a method with a recipe of its own (the Table 2 "
                    + "baselines) with that recipe, a teacher stage cut to the --warmup epochs.")
    String methods;

    @Option(names = "--memory-epochs", defaultValue = "0",
            description = "Also run MLA this many epochs and report live arrays and memory per epoch (e.g. 50).")
    int memoryEpochs;

    @Option(names = "--out", paramLabel = "FILE.json", description = "JSON output. Default: runs/bench/bench-<time>.json.")
    Path out;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        RunSettings.require(warmup >= 0, "--warmup must be at least 0, got " + warmup);
        RunSettings.require(epochs > warmup, "--epochs must exceed --warmup (" + warmup + ") so at least one epoch is measured");
        RunSettings.require(jitWarmupSeconds >= 0, "--jit-warmup must be at least 0 seconds, got " + jitWarmupSeconds);
        List<String> configurations = ids(methods);
        for (String id : configurations) { // before anything is timed
            if (!id.startsWith("mla_")) {
                TrainingThroughput.requireWarmUpFor(id.replace('_', '-'), warmup);
            }
        }
        MultimodalDataset ds = DatasetLoader.load(data != null ? data : DataOption.bundledDataset());
        JitWarmup.Result jit = null;
        if (jitWarmupSeconds > 0) {
            output.note(spec.commandLine().getErr(), "warming up the JIT compiler (at most " + jitWarmupSeconds + " s)...");
            jit = JitWarmup.run(ds, jitWarmupSeconds);
        }
        List<TrainingThroughput.Result> training = new ArrayList<>();
        for (String id : configurations) {
            output.note(spec.commandLine().getErr(), "timing " + id + "...");
            training.add(switch (id) {
                case "mla_hgm" -> TrainingThroughput.measure(id, "mla (HGM on)", "mla", SettingValues.NONE, ds, epochs,
                        warmup, 0);
                case "mla_nohgm" -> TrainingThroughput.measure(id, "mla (HGM off)", "mla",
                        SettingValues.NONE.with(MlaOptions.HGM, false), ds, epochs, warmup, 0);
                default -> TrainingThroughput.hasOwnRecipe(id.replace('_', '-'))
                        ? TrainingThroughput.measureWithRecipe(id, id.replace('_', '-'), ds, epochs, warmup, 0)
                        : TrainingThroughput.measure(id, id.replace('_', '-'), id.replace('_', '-'), SettingValues.NONE,
                                ds, epochs, warmup, 0);
            });
        }
        Map<String, Double> hgm = new LinkedHashMap<>();
        for (int d : new int[] {128, 512, 768}) {
            hgm.put(String.valueOf(d), HgmCost.medianMicros(d, ds.numClasses(), 500));
        }
        double inference = InferenceThroughput.samplesPerSecond("mla", ds, 7);
        double matmul = MatmulRate.gflops(64, 1024, 128, 2000);
        double flopsPerSample = ArithmeticFloor.flopsPerSample(ds.modalities(), EncoderSpec.DEFAULT, ds.numClasses());
        TrainingThroughput.Result memory = memoryEpochs > 0
                ? TrainingThroughput.measure("mla_hgm_long", "mla (HGM on), long run", "mla", SettingValues.NONE, ds, memoryEpochs,
                        Math.min(warmup, memoryEpochs - 1), 0)
                : null;

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("date", LocalDateTime.now().toString());
        json.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(),
                "engine_threads", EngineThreads.configured(),
                "flush_denormals", FlushToZero.inEffect(),
                "java", System.getProperty("java.version"), "os", System.getProperty("os.name"),
                "max_heap_mib", Runtime.getRuntime().maxMemory() / (1 << 20)));
        json.put("versions", Map.of("mla4j", Versions.mla4j(), "djl", Versions.djl(), "pytorch", Versions.pytorch()));
        json.put("dataset", ds.name());
        json.put("warmup_epochs", warmup);
        json.put("jit_warmup", jit);
        json.put("training", training);
        json.put("hgm_update_micros", hgm);
        json.put("hgm_share_of_step_128", hgmShare(training, hgm.get("128"), ds));
        json.put("inference_samples_per_second", inference);
        json.put("matmul_gflops", matmul);
        json.put("flops_per_training_sample", flopsPerSample);
        json.put("floor_samples_per_second", matmul * 1e9 / flopsPerSample);
        // MLA's training runs on two threads (an encoder's backward beside the next turn), so the
        // matrix products of one step can use every core: the floor scales with the cores
        int cores = Runtime.getRuntime().availableProcessors();
        json.put("cores", cores);
        json.put("floor_samples_per_second_all_cores", cores * matmul * 1e9 / flopsPerSample);
        json.put("peak_resident_mib", ProcessMemory.peakResidentMiB());
        if (memory != null) {
            json.put("long_run", memory);
        }
        Path target = out != null ? out : Path.of("runs", "bench",
                "bench-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".json");
        AtomicFiles.writeString(target, Json.write(json));
        output.print(spec.commandLine().getOut(), table(json, training, hgm, memory), Json.write(json));
        output.note(spec.commandLine().getErr(), "results written to " + target);
        return 0;
    }

    /** The configurations --methods names, in order: mla_hgm, mla_nohgm and method names (- as _). */
    static List<String> ids(String value) {
        List<String> all = new ArrayList<>(List.of("mla_hgm", "mla_nohgm"));
        Methods.names().stream().filter(m -> !m.equals("mla")).map(m -> m.replace('-', '_')).forEach(all::add);
        if (value.trim().equalsIgnoreCase("all")) {
            return all;
        }
        List<String> out = new ArrayList<>();
        for (String part : value.split(",")) {
            String id = part.trim().replace('-', '_');
            if (id.isEmpty()) {
                continue;
            }
            RunSettings.require(all.contains(id), "--methods names unknown configuration '" + part.trim() + "'; valid: all, "
                    + String.join(", ", all));
            out.add(id);
        }
        RunSettings.require(!out.isEmpty(), "--methods names no configuration; valid: all, " + String.join(", ", all));
        return out;
    }

    /** HGM's time per MLA turn over the time of one turn (an MLA batch has one turn per modality). */
    private static double hgmShare(List<TrainingThroughput.Result> training, double hgmMicros, MultimodalDataset ds) {
        double samplesPerSecond = training.stream().filter(r -> r.id().equals("mla_hgm")).findFirst()
                .map(TrainingThroughput.Result::samplesPerSecond).orElse(Double.NaN);
        double turnsPerSecond = samplesPerSecond / 64.0 * ds.numModalities();
        return hgmMicros / (1e6 / turnsPerSecond);
    }

    private static String table(Map<String, Object> json, List<TrainingThroughput.Result> training,
                                Map<String, Double> hgm, TrainingThroughput.Result memory) {
        StringBuilder sb = new StringBuilder();
        if (json.get("jit_warmup") instanceof JitWarmup.Result jit) {
            sb.append(String.format(Locale.ROOT, "JIT warm-up: %d throwaway runs, %.1f s (compiler busy %.1f s)%s%n", jit.runs(),
                    jit.seconds(), jit.compileSeconds(), jit.quiet() ? "" : ", compiler still busy at the time limit"));
        } else {
            sb.append("JIT warm-up: none (cold JVM)\n");
        }
        sb.append(String.format(Locale.ROOT, "%-32s %7s %12s %12s %12s%n", "training", "batch", "samples/s", "live arrays",
                "RSS MiB"));
        for (TrainingThroughput.Result r : training) {
            int last = r.liveArrays().length - 1;
            String batch = r.batchSize() >= r.fitRows() ? "all" : String.valueOf(r.batchSize());
            sb.append(String.format(Locale.ROOT, "%-32s %7s %12.0f %12d %12.0f%n", r.label(), batch, r.samplesPerSecond(),
                    r.liveArrays()[last], r.residentMiB()[last]));
        }
        hgm.forEach((d, us) -> sb.append(String.format(Locale.ROOT, "HGM update + projection, d=%-4s %10.1f us%n", d, us)));
        double hgmShare = (double) json.get("hgm_share_of_step_128");
        sb.append(Double.isNaN(hgmShare) ? "HGM share of an MLA turn (d=128)      n/a (mla_hgm not timed)\n"
                : String.format(Locale.ROOT, "HGM share of an MLA turn (d=128) %8.1f %%%n", 100 * hgmShare));
        sb.append(String.format(Locale.ROOT, "inference (predict, all samples) %10.0f samples/s%n",
                (double) json.get("inference_samples_per_second")));
        sb.append(String.format(Locale.ROOT, "matmul rate 64x1024x128        %10.1f GFLOP/s%n", (double) json.get("matmul_gflops")));
        sb.append(String.format(Locale.ROOT, "arithmetic floor, one core       %10.0f samples/s%n",
                (double) json.get("floor_samples_per_second")));
        sb.append(String.format(Locale.ROOT, "arithmetic floor, %d cores        %10.0f samples/s%n",
                (int) json.get("cores"), (double) json.get("floor_samples_per_second_all_cores")));
        sb.append(String.format(Locale.ROOT, "peak resident memory            %10.0f MiB%n", (double) json.get("peak_resident_mib")));
        if (memory != null) {
            int n = memory.liveArrays().length;
            sb.append(String.format(Locale.ROOT, "long run: live arrays epoch 2 -> %d: %d -> %d; RSS %.0f -> %.0f MiB%n", n,
                    memory.liveArrays()[Math.min(1, n - 1)], memory.liveArrays()[n - 1],
                    memory.residentMiB()[Math.min(1, n - 1)], memory.residentMiB()[n - 1]));
        }
        return sb.toString();
    }
}
