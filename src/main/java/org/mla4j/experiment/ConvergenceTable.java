package org.mla4j.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mla4j.run.RunHistory;

/**
 * How fast each row trains, from its runs' {@code history.csv} (validation fused accuracy and wall
 * seconds after every epoch): the validation curve against epochs and against wall time, and per
 * row, over seeds, the best validation accuracy a<sub>max</sub>, the first epoch e* whose accuracy
 * is at least {@code threshold · a_max} (1-based), the wall seconds up to the end of e*, and the
 * run's total wall seconds. Rows are the experiment's own (data-size runs left out), at its first missing rate.
 */
public final class ConvergenceTable {
    /** One row's figures, each mean ± sample std over its runs. */
    public record Row(String label, Comparison.Cell bestValidation, Comparison.Cell epochsToReach,
                      Comparison.Cell secondsToReach, Comparison.Cell totalSeconds) {
    }

    private final double threshold;
    private final List<Row> rows;
    private final SweepTable byEpoch;
    private final SweepTable byTime;

    private ConvergenceTable(double threshold, List<Row> rows, SweepTable byEpoch, SweepTable byTime) {
        this.threshold = threshold;
        this.rows = rows;
        this.byEpoch = byEpoch;
        this.byTime = byTime;
    }

    public static ConvergenceTable of(ExperimentResults results, double threshold) {
        double rate = results.rates().get(0);
        List<Row> rows = new ArrayList<>();
        List<String> series = new ArrayList<>();
        List<SweepTable.Point> epochPoints = new ArrayList<>();
        List<SweepTable.Point> timePoints = new ArrayList<>();
        for (ExperimentResults.Row row : Analyses.analysedRows(results)) {
            List<double[]> accuracy = new ArrayList<>();
            List<double[]> elapsed = new ArrayList<>();
            for (ExperimentResults.RunRecord run : results.finished(row.label(), rate)) {
                RunHistory h = RunHistory.read(results.runDirectory(run));
                double[] seconds = h.column("seconds");
                double[] acc = h.column(RunHistory.FUSED_ACCURACY);
                if (acc == null || seconds == null || acc.length == 0) {
                    continue;
                }
                double[] cumulative = new double[seconds.length];
                for (int e = 0; e < seconds.length; e++) {
                    cumulative[e] = (e == 0 ? 0 : cumulative[e - 1]) + seconds[e];
                }
                accuracy.add(acc);
                elapsed.add(cumulative);
            }
            if (accuracy.isEmpty()) {
                continue;
            }
            series.add(row.label());
            List<Double> best = new ArrayList<>();
            List<Double> epochs = new ArrayList<>();
            List<Double> toReach = new ArrayList<>();
            List<Double> total = new ArrayList<>();
            for (int r = 0; r < accuracy.size(); r++) {
                double[] acc = accuracy.get(r);
                double[] cumulative = elapsed.get(r);
                int reached = firstReaching(acc, threshold);
                best.add(max(acc));
                epochs.add(reached + 1.0);
                toReach.add(cumulative[reached]);
                total.add(cumulative[cumulative.length - 1]);
                for (int e = 0; e < acc.length; e++) {
                    epochPoints.add(new SweepTable.Point(row.label(), e + 1, acc[e]));
                }
            }
            int length = accuracy.stream().mapToInt(a -> a.length).min().orElse(0);
            for (int e = 0; e < length; e++) {
                // x: the mean elapsed time at this epoch over seeds, so that a row's seeds share each point
                int epoch = e;
                double x = Math.round(1000 * elapsed.stream().mapToDouble(c -> c[epoch]).average().orElse(0)) / 1000.0;
                for (double[] acc : accuracy) {
                    timePoints.add(new SweepTable.Point(row.label(), x, acc[e]));
                }
            }
            rows.add(new Row(row.label(), Comparison.Cell.of(best), Comparison.Cell.of(epochs), Comparison.Cell.of(toReach),
                    Comparison.Cell.of(total)));
        }
        return new ConvergenceTable(threshold, rows, SweepTable.of("epoch", series, epochPoints),
                SweepTable.of("seconds", series, timePoints));
    }

    /** The index of the first value ≥ threshold · max (NaN values never reach). */
    static int firstReaching(double[] values, double threshold) {
        double target = threshold * max(values);
        for (int i = 0; i < values.length; i++) {
            if (values[i] >= target) {
                return i;
            }
        }
        return values.length - 1;
    }

    private static double max(double[] values) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                m = Math.max(m, v);
            }
        }
        return m;
    }

    public double threshold() {
        return threshold;
    }

    public List<Row> rows() {
        return rows;
    }

    /** Validation fused accuracy against the epoch (1-based), a series per row. */
    public SweepTable byEpoch() {
        return byEpoch;
    }

    /** Validation fused accuracy against the elapsed wall seconds (mean over seeds at each epoch). */
    public SweepTable byTime() {
        return byTime;
    }

    public Map<String, Object> json() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("threshold", threshold);
        List<Map<String, Object>> list = new ArrayList<>();
        for (Row r : rows) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("row", r.label());
            x.put("best_validation_accuracy", cell(r.bestValidation()));
            x.put("epochs_to_threshold", cell(r.epochsToReach()));
            x.put("seconds_to_threshold", cell(r.secondsToReach()));
            x.put("total_seconds", cell(r.totalSeconds()));
            list.add(x);
        }
        out.put("rows", list);
        out.put("by_epoch", byEpoch.json());
        return out;
    }

    static Map<String, Object> cell(Comparison.Cell c) {
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("mean", Double.isNaN(c.mean()) ? null : c.mean());
        x.put("std", Double.isNaN(c.std()) ? null : c.std());
        x.put("runs", c.count());
        return x;
    }
}
