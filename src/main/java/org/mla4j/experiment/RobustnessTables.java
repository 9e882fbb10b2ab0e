package org.mla4j.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The robustness analysis of an experiment, over seeds: for each corrupted modality and each kind of
 * corruption, sweeps (mean ± sample std over seeds) of every row's fused accuracy, of the corrupted
 * modality's own accuracy, and of its mean fusion weight λ, read from the runs' saved
 * {@link RobustnessAnalysis}. Blank sweeps start at share 0, the clean test split. Rows are the
 * experiment's own (data-size runs left out), at its first missing rate.
 */
public final class RobustnessTables {
    /** A row whose fusion weights are all equal on clean data (late fusion's mean) has no λ curve. */
    private static final double CONSTANT = 1e-9;

    private final AnalysisPlan.Robustness plan;
    private final List<String> modalities;
    private final Map<String, List<RobustnessAnalysis>> byRow;

    private RobustnessTables(AnalysisPlan.Robustness plan, List<String> modalities,
                             Map<String, List<RobustnessAnalysis>> byRow) {
        this.plan = plan;
        this.modalities = modalities;
        this.byRow = byRow;
    }

    /** The tables of the results' saved analyses (runs without one are left out). */
    public static RobustnessTables of(ExperimentResults results, AnalysisPlan.Robustness plan) {
        double rate = results.rates().get(0);
        Map<String, List<RobustnessAnalysis>> byRow = new LinkedHashMap<>();
        for (ExperimentResults.Row row : Analyses.analysedRows(results)) {
            List<RobustnessAnalysis> runs = new ArrayList<>();
            for (ExperimentResults.RunRecord run : results.finished(row.label(), rate)) {
                RobustnessAnalysis a = RobustnessAnalysis.read(results.runDirectory(run));
                if (a != null && a.plan().equals(plan)) {
                    runs.add(a);
                }
            }
            byRow.put(row.label(), runs);
        }
        return new RobustnessTables(plan, plan.modalitiesOf(results.dataset().modalities()), byRow);
    }

    public AnalysisPlan.Robustness plan() {
        return plan;
    }

    /** The corrupted modalities, in the dataset's order. */
    public List<String> modalities() {
        return modalities;
    }

    /** Rows with at least one analysed run. */
    public List<String> rows() {
        return byRow.entrySet().stream().filter(e -> !e.getValue().isEmpty()).map(Map.Entry::getKey).toList();
    }

    /** Fused test accuracy of every row against the level of {@code kind} applied to {@code modality}. */
    public SweepTable fused(String modality, Corruption.Kind kind) {
        return sweep(modality, kind, rows(), p -> p.fusedAccuracy());
    }

    /** The corrupted modality's own test accuracy (rows without a unimodal output for it have no points). */
    public SweepTable own(String modality, Corruption.Kind kind) {
        return sweep(modality, kind, rows(), p -> p.modalityAccuracy().getOrDefault(modality, Double.NaN));
    }

    /** Mean fusion weight λ of the corrupted modality, for the rows whose weights vary ({@link #weightedRows}). */
    public SweepTable weight(String modality, Corruption.Kind kind) {
        return sweep(modality, kind, weightedRows(), p -> weightOf(p, modality));
    }

    /** Mean unnormalised confidence of the corrupted modality (QMF's c_m), for {@link #confidenceRows}. */
    public SweepTable confidence(String modality, Corruption.Kind kind) {
        return sweep(modality, kind, confidenceRows(), p -> p.fusionWeight().containsKey(modality)
                ? p.fusionWeight().get(modality) : Double.NaN);
    }

    /** Mean λ of every modality of one row while {@code modality} is corrupted (series: the modalities). */
    public SweepTable weightsOf(String row, String modality, Corruption.Kind kind, List<String> all) {
        List<SweepTable.Point> points = new ArrayList<>();
        for (RobustnessAnalysis a : byRow.getOrDefault(row, List.of())) {
            for (String m : all) {
                for (RobustnessAnalysis.Point p : levels(a, modality, kind)) {
                    points.add(new SweepTable.Point("λ " + m, p.level(), weightOf(p, m)));
                }
            }
        }
        return SweepTable.of(kind.key(), all.stream().map(m -> "λ " + m).toList(), points);
    }

    /**
     * Rows that fuse with per-sample weights λ that sum to 1 and differ between modalities (MLA's
     * entropy weights; late fusion's equal weights are left out).
     */
    public List<String> weightedRows() {
        return rows().stream().filter(r -> byRow.get(r).stream().anyMatch(a -> Boolean.TRUE.equals(a.clean().normalised())
                && varies(a.clean()))).toList();
    }

    /** Rows whose per-sample weights are unnormalised confidences (QMF's energy c_m). */
    public List<String> confidenceRows() {
        return rows().stream().filter(r -> byRow.get(r).stream().anyMatch(a -> Boolean.FALSE.equals(
                a.clean().normalised()))).toList();
    }

    private static boolean varies(RobustnessAnalysis.Point clean) {
        if (clean.fusionWeight() == null || clean.fusionWeight().size() < 2) {
            return false;
        }
        double first = clean.fusionWeight().values().iterator().next();
        return clean.fusionWeight().values().stream().anyMatch(w -> Math.abs(w - first) > CONSTANT);
    }

    /** λ of modality m (0 when absent from every sample, as at blank share 1). */
    private static double weightOf(RobustnessAnalysis.Point p, String m) {
        return p.fusionWeight() == null ? Double.NaN : p.fusionWeight().getOrDefault(m, 0.0);
    }

    /** The analysis's points for a corrupted modality and kind; blank sweeps begin with the clean evaluation. */
    private static List<RobustnessAnalysis.Point> levels(RobustnessAnalysis a, String modality, Corruption.Kind kind) {
        List<RobustnessAnalysis.Point> out = new ArrayList<>();
        if (kind == Corruption.Kind.BLANK) {
            out.add(a.clean());
        }
        out.addAll(a.of(modality, kind.key()));
        return out;
    }

    private SweepTable sweep(String modality, Corruption.Kind kind, List<String> series,
                             Function<RobustnessAnalysis.Point, Double> value) {
        List<SweepTable.Point> points = new ArrayList<>();
        for (String row : series) {
            for (RobustnessAnalysis a : byRow.get(row)) {
                for (RobustnessAnalysis.Point p : levels(a, modality, kind)) {
                    double v = value.apply(p);
                    if (!Double.isNaN(v)) {
                        points.add(new SweepTable.Point(row, p.level(), v));
                    }
                }
            }
        }
        return SweepTable.of(kind == Corruption.Kind.NOISE ? "σ" : "p", series, points);
    }

    /** Every sweep as JSON: modality → kind → {fused, own, weight}. */
    public Map<String, Object> json() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("plan", new AnalysisPlan(plan, null, null, null).json().get(AnalysisPlan.ROBUSTNESS));
        out.put("rows", rows());
        Map<String, Object> byModality = new LinkedHashMap<>();
        for (String m : modalities) {
            Map<String, Object> kinds = new LinkedHashMap<>();
            for (Corruption.Kind kind : Corruption.Kind.values()) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("fused_accuracy", fused(m, kind).json());
                x.put("own_accuracy", own(m, kind).json());
                x.put("fusion_weight", weight(m, kind).json());
                x.put("confidence", confidence(m, kind).json());
                kinds.put(kind.key(), x);
            }
            byModality.put(m, kinds);
        }
        out.put("corrupted", byModality);
        return out;
    }
}
