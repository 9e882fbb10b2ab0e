package org.mla4j.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.data.Splits;
import org.mla4j.data.ValidationSplit;
import org.mla4j.data.load.DatasetLoader;
import org.mla4j.eval.Evaluator;
import org.mla4j.eval.SplitMetrics;
import org.mla4j.io.AtomicFiles;
import org.mla4j.io.Json;
import org.mla4j.run.CheckpointFiles;
import org.mla4j.run.Inference;
import org.mla4j.run.ModelFile;
import org.mla4j.run.ModelInputs;
import org.mla4j.run.RunConfig;
import org.mla4j.run.RunDirectory;
import org.mla4j.run.SavedRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mla eval}: scores a saved model on a dataset's validation and test splits. */
@Command(name = "eval", header = "Score a trained model on the validation and test splits.", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Evaluate a trained model: fused accuracy, macro-F1 and each modality's own accuracy",
                "on the validation split (carved as in training) and the test split."})
final class EvalCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "RUN_DIR", description = "Run (or model) directory.")
    Path model;

    @Option(names = "--data", paramLabel = "DIR", description = "Dataset folder. Default: the one the run was trained on.")
    Path data;

    @Option(names = "--out", paramLabel = "FILE.json", description = "Also write the metrics to this JSON file.")
    Path out;

    @Mixin
    OutputOptions output;

    @Mixin
    DeviceOption device;

    @Override
    public Integer call() {
        device.apply();
        CheckpointFiles.requireFinished(model);
        ModelFile.Loaded loaded = ModelFile.load(model);
        RunConfig settings = SavedRun.settings(model);
        Path dataDir = data != null ? data : settings != null ? Path.of(settings.data()) : DataOption.bundledDataset();
        MultimodalDataset dataset = ModelInputs.align(loaded, DatasetLoader.load(dataDir));
        double fraction = settings != null ? settings.validationFraction() : 0.1;
        long splitSeed = settings != null ? settings.splitSeed() : 0;
        Splits splits = ValidationSplit.carve(dataset, fraction, splitSeed);
        List<String> names = dataset.modalityNames();
        Map<String, SplitMetrics> results = new LinkedHashMap<>();
        results.put("validation", Evaluator.score(Inference.predict(loaded, dataset, splits.validation()),
                labels(dataset, splits.validation()), names));
        results.put("test", Evaluator.score(Inference.predict(loaded, dataset, splits.test()),
                labels(dataset, splits.test()), names));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("method", loaded.method());
        json.put("model", model.toString());
        json.put("dataset", dataset.name());
        results.forEach((k, v) -> json.put(k, RunDirectory.split(v)));
        if (out != null) {
            AtomicFiles.writeString(out, Json.write(json));
        }
        output.print(spec.commandLine().getOut(), loaded.method() + " on " + dataset.name() + "\n"
                + MetricsTable.render(results), Json.write(json));
        return 0;
    }

    static int[] labels(MultimodalDataset ds, int[] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = ds.labels()[rows[i]];
        }
        return out;
    }
}
