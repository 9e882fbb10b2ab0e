package org.mla4j.experiment;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.mla4j.io.AtomicFiles;
import org.mla4j.io.Json;

/**
 * The experiment-level tables of the analyses a results directory asks for, written beside
 * {@code results.json}: {@code analyses.md} (each table with the command that makes it) and
 * {@code analyses.json} (full precision). They are computed from the runs' saved analyses and
 * histories by {@link RobustnessTables}, {@link ConvergenceTable}, {@link CostTable} and
 * {@link DataSizeTable} — the same objects the report draws.
 */
public final class AnalysisFiles {
    public static final String MARKDOWN = "analyses.md";
    public static final String JSON = "analyses.json";

    private AnalysisFiles() {
    }

    static void write(ExperimentResults r, AnalysisPlan plan) {
        StringBuilder md = new StringBuilder("# ").append(r.name()).append(": analyses\n\n");
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("experiment", r.name());
        json.put("command", r.command());
        String command = "\nCommand: `" + r.command() + "`\n\n";
        if (plan.robustness() != null) {
            RobustnessTables t = RobustnessTables.of(r, plan.robustness());
            md.append("## Robustness to a corrupted modality\n\n").append(robustnessCaption(r)).append("\n\n");
            for (String m : t.modalities()) {
                for (Corruption.Kind kind : Corruption.Kind.values()) {
                    md.append("### ").append(m).append(": ").append(kind == Corruption.Kind.NOISE
                            ? "Gaussian noise of std σ" : "share p of the entries blanked").append("\n\n")
                            .append("Fused test accuracy (%):\n\n").append(t.fused(m, kind).markdown())
                            .append("\nOwn test accuracy (%) of ").append(m).append(":\n\n")
                            .append(t.own(m, kind).markdown());
                    if (!t.weightedRows().isEmpty()) {
                        md.append("\nMean fusion weight λ (%) of ").append(m).append(":\n\n")
                                .append(t.weight(m, kind).markdown());
                    }
                    if (!t.confidenceRows().isEmpty()) {
                        md.append("\nMean unnormalised fusion weight of ").append(m)
                                .append(" (QMF's energy confidence, MLA's fitted logit scale):\n\n")
                                .append(decimals(t.confidence(m, kind)));
                    }
                    md.append(command);
                }
            }
            json.put(AnalysisPlan.ROBUSTNESS, t.json());
        }
        if (plan.convergence() != null) {
            ConvergenceTable c = ConvergenceTable.of(r, plan.convergence().threshold());
            md.append("## Convergence\n\n").append(convergenceCaption(r, c.threshold())).append("\n\n")
                    .append("| method | best validation accuracy (%) | epochs to ").append(percent(c.threshold()))
                    .append(" of it | seconds to ").append(percent(c.threshold())).append(" of it | seconds in all |\n")
                    .append("|---|---|---|---|---|\n");
            for (ConvergenceTable.Row row : c.rows()) {
                md.append("| ").append(row.label()).append(" | ").append(format(row.bestValidation(), 100, "%.1f"))
                        .append(" | ").append(format(row.epochsToReach(), 1, "%.1f")).append(" | ")
                        .append(format(row.secondsToReach(), 1, "%.1f")).append(" | ")
                        .append(format(row.totalSeconds(), 1, "%.1f")).append(" |\n");
            }
            md.append(command);
            json.put(AnalysisPlan.CONVERGENCE, c.json());
        }
        if (plan.cost() != null) {
            CostTable c = CostTable.of(r);
            md.append("## Cost\n\n").append(costCaption(c)).append("\n\n")
                    .append("| method | parameters | training s/epoch (mean) | training s/epoch (fastest) | inference "
                            + "µs/sample | peak RSS (MiB) | training memory (MiB) |\n|---|---|---|---|---|---|---|\n");
            for (CostTable.Row row : c.rows()) {
                md.append("| ").append(row.label()).append(" | ").append(format(row.parameters(), 1, "%.0f"))
                        .append(" | ").append(format(row.trainSecondsPerEpoch(), 1, "%.3f")).append(" | ")
                        .append(format(row.fastestEpochSeconds(), 1, "%.3f")).append(" | ")
                        .append(format(row.inferenceMicrosPerSample(), 1, "%.1f")).append(" | ")
                        .append(format(row.peakMiB(), 1, "%.0f")).append(" | ")
                        .append(format(row.trainingMiB(), 1, "%.0f")).append(" |\n");
            }
            md.append(command);
            json.put(AnalysisPlan.COST, c.json());
        }
        if (plan.dataSize() != null) {
            SweepTable fused = DataSizeTable.fused(r, plan.dataSize());
            md.append("## Accuracy against the training-set size\n\n").append(dataSizeCaption(r)).append("\n\n")
                    .append("Fused test accuracy (%):\n\n").append(fused.markdown())
                    .append("\nEach modality's own test accuracy (%):\n\n")
                    .append(DataSizeTable.modalities(r, plan.dataSize()).markdown()).append(command);
            json.put(AnalysisPlan.DATA_SIZE, fused.json());
        }
        AtomicFiles.writeString(r.directory().resolve(MARKDOWN), md.toString());
        AtomicFiles.writeString(r.directory().resolve(JSON), Json.write(json));
    }

    /** What the robustness tables show, for the Markdown file and the report. */
    public static String robustnessCaption(ExperimentResults r) {
        return "Each trained model (no retraining) evaluated on its test split with one modality corrupted at a time, "
                + "QMF's evaluation protocol (Zhang et al., ICML 2023, who add Gaussian or salt-and-pepper noise to one "
                + "modality at test time): Gaussian noise of std σ added to the modality's standardised features (σ "
                + "in units of the fit rows' feature std; σ = 0 is the clean test split), or a share p of its entries "
                + "set to their fit mean in every sample (p = 1: the modality is absent, so methods that fuse only the "
                + "modalities present leave it out; p = 0: clean). The noise and "
                + "the blanked entries are seeded and the same for every method and seed. Mean ± sample std over "
                + "seeds " + r.seedList() + ". λ is the mean fusion weight of the corrupted modality over the test "
                + "samples, for methods whose per-sample weights sum to 1 and differ between modalities (MLA's "
                + "entropy weights); QMF's weights are energy confidences, not normalised, shown as they are.";
    }

    public static String convergenceCaption(ExperimentResults r, double threshold) {
        return "From each run's `history.csv`: the best validation fused accuracy over the epochs, the first epoch "
                + "whose validation accuracy reaches " + percent(threshold) + " of that best, the wall seconds up to "
                + "the end of that epoch (each epoch's training steps and validation pass), and the run's total; "
                + "mean ± sample std over seeds " + r.seedList() + ". Wall seconds also count whatever else the "
                + "machine ran meanwhile (the cost section's fastest epochs are the least disturbed).";
    }

    public static String costCaption(CostTable c) {
        String load = Double.isNaN(c.loads()[0]) ? "" : String.format(Locale.ROOT, " (load average %.1f–%.1f while "
                + "inference was timed)", c.loads()[0], c.loads()[1]);
        return "Parameters: values in the saved model. Training s/epoch: wall time of an epoch (training steps and "
                + "validation pass) recorded while the run trained: the run's mean, and its fastest epoch — other jobs "
                + "on a shared machine only add time, so the fastest epoch is the closest to the method's own cost. "
                + "Inference µs/sample: the saved model predicting the whole test split (unimodal outputs and fusion), "
                + "the fastest of the timed passes divided by the test samples. Peak RSS: a fresh process that trains the run's settings for a few epochs (a grid's runs "
                + "share one process, so a run's own peak cannot be read inside it); training memory = that peak − "
                + "the process's resident memory with the dataset loaded and the engine started. Mean ± sample std "
                + "over seeds. Measured on: " + c.machineWords() + load + ".";
    }

    public static String dataSizeCaption(ExperimentResults r) {
        return "Test accuracy against the share of the training split each run trained on (train.train_fraction: the "
                + "same share of every class, seeded by the split seed; a smaller share is a subset of a larger one; "
                + "validation and test splits unchanged; 1 = the experiment's own runs); mean ± sample std over seeds "
                + r.seedList() + ".";
    }

    /** "95 %" for 0.95. */
    public static String percent(double fraction) {
        return String.format(Locale.ROOT, "%s %%", SweepTable.format(Math.round(fraction * 10000) / 100.0));
    }

    /** A sweep as a Markdown table of plain numbers (3 decimals), not percentages. */
    static String decimals(SweepTable t) {
        StringBuilder sb = new StringBuilder("| series |");
        t.xs().forEach(x -> sb.append(' ').append(t.xLabel()).append(' ').append(SweepTable.format(x)).append(" |"));
        sb.append("\n|---|");
        t.xs().forEach(x -> sb.append("---|"));
        sb.append('\n');
        for (String series : t.series()) {
            sb.append("| ").append(series).append(" |");
            t.xs().forEach(x -> sb.append(' ').append(format(t.cell(series, x), 1, "%.3f")).append(" |"));
            sb.append('\n');
        }
        return sb.toString();
    }

    /** "m ± s" of a cell scaled by {@code scale}, or "–" without runs. */
    public static String format(Comparison.Cell c, double scale, String pattern) {
        if (c == null || c.count() == 0) {
            return "–";
        }
        String mean = String.format(Locale.ROOT, pattern, scale * c.mean());
        return Double.isNaN(c.std()) ? mean : mean + " ± " + String.format(Locale.ROOT, pattern, scale * c.std());
    }
}
