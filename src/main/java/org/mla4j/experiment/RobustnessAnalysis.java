package org.mla4j.experiment;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.mla4j.core.Method;
import org.mla4j.core.Predictions;
import org.mla4j.core.TensorSplit;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.eval.Evaluator;
import org.mla4j.eval.SplitMetrics;
import org.mla4j.io.AtomicFiles;
import org.mla4j.io.InvalidInputException;
import org.mla4j.io.Json;
import org.mla4j.run.CheckpointFiles;
import org.mla4j.run.ModelFile;
import org.mla4j.run.ModelInputs;
import org.mla4j.run.RunConfig;
import org.mla4j.run.SavedRun;
import org.mla4j.run.TrainingRun;

/**
 * A finished run's robustness to a corrupted modality, computed once from its saved model and kept in
 * its run directory as {@code robustness.json}: the run's test split (with its own missing-modality
 * mask) evaluated clean and with each modality of the plan corrupted in turn by every noise level and
 * blank share ({@link Corruption}); no retraining. For each evaluation: the fused accuracy, each
 * modality's own accuracy, and — for methods that fuse per sample with weights (MLA, late fusion,
 * QMF) — each modality's mean fusion weight over the test samples that have it (MLA's and late
 * fusion's λ sum to 1 per sample; QMF's energy confidences are not normalised). This is the
 * evaluation protocol of QMF (Zhang et al., ICML 2023: Gaussian noise of growing std on one modality
 * at test time).
 *
 * @param plan   what was corrupted (a saved analysis made with another plan is recomputed)
 * @param clean  the uncorrupted test split (kind and modality null, level 0)
 * @param points one per (modality, kind, level), in plan order
 */
public record RobustnessAnalysis(AnalysisPlan.Robustness plan, Point clean, List<Point> points) {
    public static final String FILE = "robustness.json";
    private static final String FORMAT = "mla4j-robustness";
    /** Version 2 records whether each point's weights are normalised; an older file is computed again. */
    private static final int VERSION = 2;

    /**
     * One evaluation.
     *
     * @param modalityAccuracy own accuracy of each modality that has a unimodal output and present samples
     * @param fusionWeight     mean λ of each modality over the samples that have it, or null (no weights)
     * @param normalised       whether each sample's weights sum to 1 over its modalities (MLA's and late
     *                         fusion's λ; QMF's confidences are not normalised); null without weights
     */
    public record Point(String modality, String kind, double level, double fusedAccuracy,
                        Map<String, Double> modalityAccuracy, Map<String, Double> fusionWeight, Boolean normalised) {
    }

    /** Tolerance of "the weights of a sample sum to 1" (they are float32). */
    private static final double SUM_TOLERANCE = 1e-4;

    /** Computes the analysis of the run in {@code runDir} and writes it there (atomically). */
    public static RobustnessAnalysis compute(Path runDir, Function<Path, MultimodalDataset> datasets,
                                             AnalysisPlan.Robustness plan) {
        CheckpointFiles.requireFinished(runDir);
        ModelFile.Loaded model = ModelFile.load(runDir);
        RunConfig settings = SavedRun.settings(runDir);
        if (settings == null) {
            throw new InvalidInputException(runDir + ": has no config.json, so its dataset is unknown");
        }
        MultimodalDataset aligned = ModelInputs.align(model,
                TrainingRun.withMissing(datasets.apply(Path.of(settings.data())), settings.missing()));
        List<String> names = aligned.modalityNames();
        int[] rows = aligned.testIndices();
        List<Point> points = new ArrayList<>();
        Point clean;
        try (NDManager manager = NDManager.newBaseManager(); Method method = model.instantiate(manager)) {
            clean = evaluate(method, model, aligned, rows, manager, null, null, 0);
            for (String modality : plan.modalitiesOf(names)) {
                int m = names.indexOf(modality);
                for (double sigma : plan.noise()) {
                    points.add(evaluate(method, model, Corruption.apply(aligned, model.standardizer(), m,
                            Corruption.Kind.NOISE, sigma, plan.seed(), rows), rows, manager, modality, "noise", sigma));
                }
                for (double share : plan.blank()) {
                    points.add(evaluate(method, model, Corruption.apply(aligned, model.standardizer(), m,
                            Corruption.Kind.BLANK, share, plan.seed(), rows), rows, manager, modality, "blank", share));
                }
            }
        }
        RobustnessAnalysis a = new RobustnessAnalysis(plan, clean, points);
        AtomicFiles.writeString(runDir.resolve(FILE), Json.write(a.json()));
        return a;
    }

    /** Predictions of a loaded method on rows of a (possibly corrupted) dataset, with the model's standardisation. */
    static Predictions predict(Method method, ModelFile.Loaded model, MultimodalDataset ds, int[] rows,
                               NDManager manager) {
        try (TensorSplit split = TensorSplit.build("test", ds, model.standardizer(), rows, manager)) {
            return Evaluator.predict(method, split, manager);
        }
    }

    private static Point evaluate(Method method, ModelFile.Loaded model, MultimodalDataset ds, int[] rows,
                                  NDManager manager, String modality, String kind, double level) {
        Predictions p = predict(method, model, ds, rows, manager);
        int[] labels = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            labels[i] = ds.labels()[rows[i]];
        }
        SplitMetrics s = Evaluator.score(p, labels, ds.modalityNames());
        Map<String, Double> weights = null;
        Boolean normalised = null;
        if (p.fusionWeights() != null) {
            weights = new LinkedHashMap<>();
            normalised = true;
            for (int i = 0; i < p.size(); i++) {
                double total = 0;
                boolean any = false;
                for (int m = 0; m < ds.numModalities(); m++) {
                    total += p.present()[m][i] ? p.fusionWeights()[m][i] : 0;
                    any |= p.present()[m][i];
                }
                normalised &= !any || Math.abs(total - 1) < SUM_TOLERANCE;
            }
            for (int m = 0; m < ds.numModalities(); m++) {
                double sum = 0;
                int count = 0;
                for (int i = 0; i < p.size(); i++) {
                    if (p.present()[m][i]) {
                        sum += p.fusionWeights()[m][i];
                        count++;
                    }
                }
                if (count > 0) {
                    weights.put(ds.modality(m).name(), sum / count);
                }
            }
        }
        return new Point(modality, kind, level, s.fusedAccuracy(), s.modalityAccuracy(), weights, normalised);
    }

    /** The evaluations of one corrupted modality and kind, by level (ascending, as planned). */
    public List<Point> of(String modality, String kind) {
        return points.stream().filter(p -> p.modality().equals(modality) && p.kind().equals(kind)).toList();
    }

    /** The analysis saved in {@code runDir}, or null when it has none (or one in an older format). */
    public static RobustnessAnalysis read(Path runDir) {
        Path file = runDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            JsonNode root = Json.MAPPER.readTree(Files.readAllBytes(file));
            if (root == null || !FORMAT.equals(root.path("format").asText())) {
                throw InvalidInputException.inFile(file, "is not an mla4j robustness analysis");
            }
            if (root.path("format_version").asInt(1) != VERSION) {
                return null;
            }
            AnalysisPlan plan = AnalysisPlan.read(Json.MAPPER.createObjectNode().set(AnalysisPlan.ROBUSTNESS,
                    root.get("plan")), k -> file + ": ");
            List<Point> points = new ArrayList<>();
            for (JsonNode p : root.get("corrupted")) {
                points.add(point(p));
            }
            return new RobustnessAnalysis(plan.robustness(), point(root.get("clean")), points);
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidInputException i) {
                throw i;
            }
            throw InvalidInputException.inFile(file, "is incomplete or malformed (" + e.getMessage() + ")");
        }
    }

    private static Point point(JsonNode p) {
        Map<String, Double> accuracy = new LinkedHashMap<>();
        p.get("modality_accuracy").fields().forEachRemaining(e -> accuracy.put(e.getKey(), e.getValue().asDouble()));
        Map<String, Double> weights = null;
        JsonNode w = p.get("fusion_weight");
        if (w != null && !w.isNull()) {
            Map<String, Double> m = new LinkedHashMap<>();
            w.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asDouble()));
            weights = m;
        }
        JsonNode normalised = p.get("normalised_weights");
        JsonNode modality = p.get("modality");
        JsonNode kind = p.get("kind");
        return new Point(modality == null || modality.isNull() ? null : modality.asText(),
                kind == null || kind.isNull() ? null : kind.asText(), p.get("level").asDouble(),
                p.get("fused_accuracy").asDouble(), accuracy, weights,
                normalised == null || normalised.isNull() ? null : normalised.asBoolean());
    }

    private Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("format_version", VERSION);
        m.put("protocol", "test-time corruption of one modality at a time, no retraining (QMF, Zhang et al., "
                + "ICML 2023); noise in units of the standardised feature scale; blank = entries set to the fit mean");
        m.put("plan", new AnalysisPlan(plan, null, null, null).json().get(AnalysisPlan.ROBUSTNESS));
        m.put("clean", pointJson(clean));
        m.put("corrupted", points.stream().map(RobustnessAnalysis::pointJson).toList());
        return m;
    }

    private static Map<String, Object> pointJson(Point p) {
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("modality", p.modality());
        x.put("kind", p.kind());
        x.put("level", p.level());
        x.put("fused_accuracy", p.fusedAccuracy());
        x.put("modality_accuracy", p.modalityAccuracy());
        x.put("fusion_weight", p.fusionWeight());
        x.put("normalised_weights", p.normalised());
        return x;
    }
}
