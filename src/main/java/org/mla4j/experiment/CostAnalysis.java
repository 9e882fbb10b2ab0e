package org.mla4j.experiment;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.mla4j.core.Method;
import org.mla4j.core.TensorSplit;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.eval.Evaluator;
import org.mla4j.io.AtomicFiles;
import org.mla4j.io.InvalidInputException;
import org.mla4j.io.Json;
import org.mla4j.run.CheckpointFiles;
import org.mla4j.run.ModelFile;
import org.mla4j.run.ModelInputs;
import org.mla4j.run.RunConfig;
import org.mla4j.run.RunHistory;
import org.mla4j.run.SavedRun;
import org.mla4j.run.TrainingRun;

/**
 * What a finished run cost, kept in its run directory as {@code cost.json}:
 *
 * <ul>
 *   <li>training time per epoch: the mean and the minimum of the run's own per-epoch wall times
 *   ({@code history.csv} {@code seconds}: the epoch's training steps and its validation pass),
 *   measured while it trained. Other jobs on a shared machine only ever add time, so the fastest
 *   epoch is the closest to the method's own cost, and the mean is what the run took;
 *   <li>parameters: the number of values in the saved model ({@code model.npz}, standardisation
 *   statistics not counted);
 *   <li>inference time per sample: the saved model's prediction of the whole test split (unimodal
 *   outputs and fusion, batches of {@link org.mla4j.core.TensorSplit#predictionRows()}), the
 *   fastest of {@code repeats} timed passes after one untimed pass (for the same reason), divided by
 *   the number of test samples — timed here rather than while the run trained, so that no other training shares the process;
 *   <li>peak memory, when asked: {@link MemoryProbe} (a fresh process that trains the run's settings).
 * </ul>
 *
 * The machine it was measured on is recorded with it ({@link Machine}), with its load average just
 * before the timing.
 *
 * @param memory null when not measured ({@code memoryError} then says why, or is null when not asked)
 */
public record CostAnalysis(long parameters, double trainSecondsPerEpoch, double fastestEpochSeconds, int epochs,
                           double inferenceSecondsPerSample, double loadAverage,
                           int testSamples, int repeats, MemoryProbe.Memory memory, String memoryError,
                           Map<String, Object> machine) {
    public static final String FILE = "cost.json";
    private static final String FORMAT = "mla4j-cost";
    /** Version 2: the fastest epoch, the fastest inference pass and the load average; older files are measured again. */
    private static final int VERSION = 2;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CostAnalysis.class);

    /** Measures the run in {@code runDir} and writes {@code cost.json} there (atomically). */
    public static CostAnalysis compute(Path runDir, Function<Path, MultimodalDataset> datasets, AnalysisPlan.Cost plan) {
        CheckpointFiles.requireFinished(runDir);
        ModelFile.Loaded model = ModelFile.load(runDir);
        RunConfig settings = SavedRun.settings(runDir);
        if (settings == null) {
            throw new InvalidInputException(runDir + ": has no config.json, so its dataset is unknown");
        }
        MultimodalDataset dataset = datasets.apply(Path.of(settings.data()));
        MultimodalDataset aligned = ModelInputs.align(model, TrainingRun.withMissing(dataset, settings.missing()));
        long parameters = model.parameters().values().values().stream().mapToLong(v -> v.length).sum();
        double[] seconds = RunHistory.read(runDir).column("seconds");
        double perEpoch = seconds == null || seconds.length == 0 ? Double.NaN
                : Arrays.stream(seconds).average().orElse(Double.NaN);
        double fastestEpoch = seconds == null || seconds.length == 0 ? Double.NaN
                : Arrays.stream(seconds).min().orElse(Double.NaN);
        int[] rows = aligned.testIndices();
        double load = Machine.loadAverage();
        double fastest = Double.POSITIVE_INFINITY;
        try (NDManager manager = NDManager.newBaseManager(); Method method = model.instantiate(manager);
             TensorSplit test = TensorSplit.build("test", aligned, model.standardizer(), rows, manager)) {
            Evaluator.predict(method, test, manager); // untimed: first calls compile and allocate
            for (int r = 0; r < plan.repeats(); r++) {
                long t0 = System.nanoTime();
                Evaluator.predict(method, test, manager);
                fastest = Math.min(fastest, (System.nanoTime() - t0) / 1e9);
            }
        }
        MemoryProbe.Memory memory = null;
        String memoryError = null;
        if (plan.memory()) {
            try {
                memory = MemoryProbe.measure(runDir, dataset.directory(), plan.probeEpochs());
            } catch (IllegalStateException e) {
                memoryError = e.getMessage();
                LOG.warn("{}: peak memory not measured: {}", runDir, e.getMessage());
            }
        }
        CostAnalysis a = new CostAnalysis(parameters, perEpoch, fastestEpoch, seconds == null ? 0 : seconds.length,
                rows.length == 0 ? Double.NaN : fastest / rows.length, load, rows.length, plan.repeats(), memory,
                memoryError, Machine.describe());
        AtomicFiles.writeString(runDir.resolve(FILE), Json.write(a.json(plan.probeEpochs())));
        return a;
    }

    /** Whether this analysis answers {@code plan} (otherwise it is measured again). */
    boolean matches(AnalysisPlan.Cost plan) {
        return repeats == plan.repeats() && (memory != null || memoryError != null) == plan.memory();
    }

    /** The analysis saved in {@code runDir}, or null when it has none (or one in an older format). */
    public static CostAnalysis read(Path runDir) {
        Path file = runDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            JsonNode root = Json.MAPPER.readTree(Files.readAllBytes(file));
            if (root == null || !FORMAT.equals(root.path("format").asText())) {
                throw InvalidInputException.inFile(file, "is not an mla4j cost analysis");
            }
            if (root.path("format_version").asInt(1) != VERSION) {
                return null;
            }
            JsonNode m = root.get("memory");
            MemoryProbe.Memory memory = m == null || m.isNull() ? null : new MemoryProbe.Memory(
                    m.get("baseline_mib").asDouble(), m.get("peak_mib").asDouble(), m.get("reset").asBoolean());
            @SuppressWarnings("unchecked")
            Map<String, Object> machine = Json.MAPPER.convertValue(root.get("machine"), LinkedHashMap.class);
            JsonNode error = root.get("memory_error");
            return new CostAnalysis(root.get("parameters").asLong(), number(root.get("train_seconds_per_epoch")),
                    number(root.get("train_seconds_per_epoch_fastest")), root.get("epochs").asInt(),
                    number(root.get("inference_seconds_per_sample")), number(root.get("load_average")),
                    root.get("test_samples").asInt(), root.get("timing_repeats").asInt(), memory,
                    error == null || error.isNull() ? null : error.asText(), machine);
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidInputException i) {
                throw i;
            }
            throw InvalidInputException.inFile(file, "is incomplete or malformed (" + e.getMessage() + ")");
        }
    }

    private static double number(JsonNode n) {
        return n == null || !n.isNumber() ? Double.NaN : n.asDouble();
    }

    private static Double nullable(double v) {
        return Double.isNaN(v) ? null : v;
    }

    private Map<String, Object> json(int probeEpochs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("format_version", VERSION);
        m.put("parameters", parameters);
        m.put("train_seconds_per_epoch", nullable(trainSecondsPerEpoch));
        m.put("train_seconds_per_epoch_fastest", nullable(fastestEpochSeconds));
        m.put("epochs", epochs);
        m.put("inference_seconds_per_sample", nullable(inferenceSecondsPerSample));
        m.put("load_average", nullable(loadAverage));
        m.put("test_samples", testSamples);
        m.put("timing_repeats", repeats);
        if (memory != null) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("baseline_mib", memory.baselineMiB());
            x.put("peak_mib", memory.peakMiB());
            x.put("reset", memory.reset());
            x.put("probe_epochs", probeEpochs);
            m.put("memory", x);
        } else {
            m.put("memory", null);
        }
        m.put("memory_error", memoryError);
        m.put("machine", machine);
        return m;
    }
}
