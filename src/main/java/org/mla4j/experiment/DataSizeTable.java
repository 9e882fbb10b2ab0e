package org.mla4j.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mla4j.run.RunDirectory;
import org.mla4j.train.TrainSettings;

/**
 * Test accuracy against the share of the training split a method trained on (the data-size
 * analysis): for each data-size method, its fused accuracy (and each modality's own) at every
 * fraction, mean ± sample std over seeds, from the runs' {@code metrics.json}. The experiment's own
 * rows are the fraction 1; the {@code train N %} variants the others.
 */
public final class DataSizeTable {
    private DataSizeTable() {
    }

    /** Fused test accuracy against the fraction, a series per data-size method. */
    public static SweepTable fused(ExperimentResults results, AnalysisPlan.DataSize plan) {
        List<SweepTable.Point> points = new ArrayList<>();
        forEachRun(results, plan, (method, fraction, s) -> points.add(new SweepTable.Point(method, fraction,
                s.fusedAccuracy())));
        return SweepTable.of("fraction", methods(results, plan), points);
    }

    /** Each modality's own test accuracy against the fraction, a series per method and modality. */
    public static SweepTable modalities(ExperimentResults results, AnalysisPlan.DataSize plan) {
        List<String> series = new ArrayList<>();
        for (String m : methods(results, plan)) {
            results.dataset().modalities().forEach(mod -> series.add(m + " · " + mod));
        }
        List<SweepTable.Point> points = new ArrayList<>();
        forEachRun(results, plan, (method, fraction, s) -> s.modalityAccuracy().forEach((mod, acc) ->
                points.add(new SweepTable.Point(method + " · " + mod, fraction, acc))));
        return SweepTable.of("fraction", series, points);
    }

    private interface RunVisitor {
        void visit(String method, double fraction, RunSummary summary);
    }

    private static List<String> methods(ExperimentResults results, AnalysisPlan.DataSize plan) {
        return results.rows().stream().map(ExperimentResults.Row::method).distinct().filter(plan.methods()::contains)
                .toList();
    }

    private static void forEachRun(ExperimentResults results, AnalysisPlan.DataSize plan, RunVisitor visitor) {
        double rate = results.rates().get(0);
        for (ExperimentResults.Row row : results.rows()) {
            if (!plan.methods().contains(row.method())) {
                continue;
            }
            double fraction = fraction(row.changes());
            for (ExperimentResults.RunRecord run : results.finished(row.label(), rate)) {
                visitor.visit(row.method(), fraction,
                        RunSummary.read(results.runDirectory(run).resolve(RunDirectory.METRICS)));
            }
        }
    }

    /** The training share a row's variant sets (1 for the experiment's own rows). */
    static double fraction(Map<String, Object> changes) {
        Object f = changes.get(TrainSettings.TRAIN_FRACTION.key());
        return f instanceof Number n ? n.doubleValue() : 1.0;
    }
}
