package org.mla4j.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mla4j.eval.SplitMetrics;
import org.mla4j.io.AtomicFiles;
import org.mla4j.io.Json;
import org.mla4j.train.EpochRecord;

/**
 * A run's results folder: {@code config.json} (settings and provenance), {@code metrics.json},
 * {@code history.csv} and the model files. It is assembled under a hidden temporary name and renamed
 * into place at the end, so a failed or killed run leaves no half-written directory.
 */
public final class RunDirectory {
    public static final String CONFIG = "config.json";
    public static final String METRICS = "metrics.json";
    public static final String HISTORY = "history.csv";
    /**
     * metrics.json's key for the selected epoch, numbered from 1. Run folders written before 2026-12-02
     * have {@value #SELECTED_EPOCH_0_BASED} instead, the same epoch counted from 0
     * ({@code RunSummary} reads both).
     */
    public static final String SELECTED_EPOCH = "selected_epoch_number";
    public static final String SELECTED_EPOCH_0_BASED = "selected_epoch";

    private RunDirectory() {
    }

    public static void write(Path target, RunOutcome outcome, Map<String, Object> provenance, boolean replace) {
        Path staging = AtomicFiles.stagingDirectoryFor(target);
        try {
            AtomicFiles.writeString(staging.resolve(CONFIG), Json.write(config(outcome, provenance)));
            AtomicFiles.writeString(staging.resolve(METRICS), Json.write(metrics(outcome)));
            AtomicFiles.writeString(staging.resolve(HISTORY), historyCsv(outcome));
            ModelFile.save(staging, outcome.config().method(), outcome.spec(), outcome.config().options(),
                    outcome.classNames(), outcome.parameters(), outcome.standardizer(), outcome.untrainedModalities());
            AtomicFiles.commitDirectory(staging, target, replace);
        } catch (RuntimeException | Error e) {
            AtomicFiles.deleteRecursively(staging); // no half-written staging directory survives a failure
            throw e;
        }
    }

    static Map<String, Object> config(RunOutcome outcome, Map<String, Object> provenance) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("settings", outcome.config().json());
        Map<String, Object> dataset = new LinkedHashMap<>();
        dataset.put("name", outcome.datasetName());
        dataset.put("path", outcome.config().data());
        dataset.put("sha256", outcome.datasetChecksum());
        dataset.put("modalities", outcome.spec().modalities());
        dataset.put("num_classes", outcome.spec().numClasses());
        c.put("dataset", dataset);
        c.put("provenance", provenance);
        return c;
    }

    public static Map<String, Object> metrics(RunOutcome outcome) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", outcome.config().method());
        m.put("seed", outcome.config().seed());
        m.put("dataset", outcome.datasetName());
        m.put(SELECTED_EPOCH, outcome.bestEpoch() + 1); // numbered from 1, as the console counts
        m.put("missing", outcome.config().missing().json());
        m.put("untrained_modalities", outcome.untrainedModalities());
        m.put("selection", "best validation fused accuracy (first epoch on ties)");
        m.put("test", split(outcome.test()));
        m.put("validation", split(outcome.validation()));
        if (outcome.lastEpochTest() != null) {
            m.put("test_last_epoch", split(outcome.lastEpochTest()));
        }
        m.put("train_seconds", outcome.trainSeconds());
        return m;
    }

    public static Map<String, Object> split(SplitMetrics s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("fused_accuracy", s.fusedAccuracy());
        m.put("macro_f1", s.macroF1());
        m.put("modality_accuracy", s.modalityAccuracy());
        m.put("samples", s.size());
        m.put("modality_samples", s.modalitySamples());
        return m;
    }

    static String historyCsv(RunOutcome outcome) {
        List<String> modalities = new ArrayList<>();
        outcome.spec().modalities().forEach(mod -> modalities.add(mod.name()));
        // every loss any epoch recorded, in order of first appearance (a two-stage method records other
        // losses while its teacher trains than afterwards); NaN in the epochs that lack one
        java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
        outcome.history().forEach(r -> names.addAll(r.losses().keySet()));
        List<String> lossNames = new ArrayList<>(names);
        StringBuilder sb = new StringBuilder("epoch,learning_rate");
        lossNames.forEach(n -> sb.append(',').append(n));
        sb.append(",val_fused_accuracy,val_macro_f1");
        modalities.forEach(n -> sb.append(",val_accuracy_").append(n));
        sb.append(",seconds,validation_seconds\n");
        for (EpochRecord r : outcome.history()) {
            sb.append(r.epoch() + 1).append(',').append(r.learningRate()); // numbered from 1 (RunHistory)
            lossNames.forEach(n -> sb.append(',').append(r.losses().getOrDefault(n, Double.NaN)));
            sb.append(',').append(r.validation().fusedAccuracy()).append(',').append(r.validation().macroF1());
            modalities.forEach(n -> {
                Double acc = r.validation().modalityAccuracy().get(n);
                sb.append(',').append(acc == null ? "" : acc.toString());
            });
            sb.append(',').append(String.format(java.util.Locale.ROOT, "%.3f", r.seconds()))
                    .append(',').append(String.format(java.util.Locale.ROOT, "%.3f", r.validationSeconds())).append('\n');
        }
        return sb.toString();
    }
}
