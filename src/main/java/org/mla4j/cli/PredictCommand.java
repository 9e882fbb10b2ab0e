package org.mla4j.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.mla4j.core.Predictions;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.data.load.DatasetLoader;
import org.mla4j.eval.Classification;
import org.mla4j.io.AtomicFiles;
import org.mla4j.run.CheckpointFiles;
import org.mla4j.run.Inference;
import org.mla4j.run.ModelFile;
import org.mla4j.run.ModelInputs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mla predict}: writes one prediction per sample, using whatever modalities each sample has. */
@Command(name = "predict", header = "Predict every sample of a dataset with a trained model (CSV).", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Predict every sample of a dataset with a trained model and write a CSV:",
                "row, split, label, fused prediction and its probability, and for each modality whether it was",
                "present, its own prediction and its fusion weight. Modalities the dataset lacks are treated as absent.",
                "Prints the fused accuracy against the dataset's labels for its train rows and its test rows",
                "separately (the train rows include the validation rows the model was selected on)."})
final class PredictCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "RUN_DIR", description = "Run (or model) directory.")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "Dataset folder.")
    Path data;

    @Option(names = "--out", required = true, paramLabel = "FILE.csv", description = "Where to write the predictions.")
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
        MultimodalDataset dataset = ModelInputs.align(loaded, DatasetLoader.load(data));
        int[] rows = new int[dataset.numSamples()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i;
        }
        Predictions p = Inference.predict(loaded, dataset, rows);
        String csv = csv(dataset, loaded, p);
        AtomicFiles.writeString(out, csv);
        int[] predicted = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            predicted[i] = Predictions.argmax(p.fusedLogits(), i, p.numClasses());
        }
        SplitAccuracy train = SplitAccuracy.of(predicted, dataset.labels(), dataset.trainIndices());
        SplitAccuracy test = SplitAccuracy.of(predicted, dataset.labels(), dataset.testIndices());
        String summary = String.format(Locale.ROOT, "%d predictions written to %s (fused accuracy against the "
                + "dataset's labels: train rows %s, test rows %s)%n", rows.length, out, train.text(), test.text());
        output.print(spec.commandLine().getOut(), summary,
                String.format(Locale.ROOT, "{\"predictions\": %d, \"file\": \"%s\", \"train\": %s, \"test\": %s}%n",
                        rows.length, out.toString().replace("\\", "\\\\").replace("\"", "\\\""), train.json(),
                        test.json()));
        return 0;
    }

    /** The fused accuracy over one split's rows (NaN when the split has none). */
    record SplitAccuracy(int rows, double accuracy) {
        static SplitAccuracy of(int[] predicted, int[] labels, int[] split) {
            boolean[] include = new boolean[labels.length];
            for (int r : split) {
                include[r] = true;
            }
            return new SplitAccuracy(split.length, Classification.accuracy(predicted, labels, include));
        }

        String text() {
            return rows == 0 ? "none" : String.format(Locale.ROOT, "%.2f%% of %d", 100 * accuracy, rows);
        }

        String json() {
            return rows == 0 ? "{\"rows\": 0, \"accuracy\": null}"
                    : String.format(Locale.ROOT, "{\"rows\": %d, \"accuracy\": %s}", rows, accuracy);
        }
    }

    static String csv(MultimodalDataset ds, ModelFile.Loaded model, Predictions p) {
        int c = p.numClasses();
        String[] split = new String[ds.numSamples()];
        java.util.Arrays.fill(split, "");
        for (int r : ds.trainIndices()) {
            split[r] = "train";
        }
        for (int r : ds.testIndices()) {
            split[r] = "test";
        }
        StringBuilder sb = new StringBuilder("row,split,label,predicted,predicted_class,probability");
        for (String m : ds.modalityNames()) {
            sb.append(',').append(m).append("_present,").append(m).append("_predicted,").append(m).append("_weight");
        }
        sb.append('\n');
        for (int i = 0; i < p.size(); i++) {
            int pred = Predictions.argmax(p.fusedLogits(), i, c);
            sb.append(i).append(',').append(split[i]).append(',').append(ds.labels()[i]).append(',')
                    .append(pred).append(',').append(csvText(model.classNames().get(pred))).append(',')
                    .append(String.format(Locale.ROOT, "%.6f", softmaxAt(p.fusedLogits(), i, c, pred)));
            for (int m = 0; m < ds.numModalities(); m++) {
                boolean present = p.present()[m][i];
                sb.append(',').append(present ? 1 : 0).append(',');
                if (present && p.modalityLogits()[m] != null) {
                    sb.append(Predictions.argmax(p.modalityLogits()[m], i, c));
                }
                sb.append(',');
                if (p.fusionWeights() != null) {
                    sb.append(String.format(Locale.ROOT, "%.6f", p.fusionWeights()[m][i]));
                }
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String csvText(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    static double softmaxAt(float[] logits, int i, int c, int k) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < c; j++) {
            max = Math.max(max, logits[i * c + j]);
        }
        double sum = 0;
        for (int j = 0; j < c; j++) {
            sum += Math.exp(logits[i * c + j] - max);
        }
        return Math.exp(logits[i * c + k] - max) / sum;
    }
}
