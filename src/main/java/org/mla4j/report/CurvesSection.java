package org.mla4j.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mla4j.experiment.ExperimentResults;
import org.mla4j.experiment.SweepTable;
import org.mla4j.run.RunDirectory;
import org.mla4j.run.RunHistory;

/** The report's training curves: each row's validation accuracy per epoch, from the runs' histories. */
final class CurvesSection {
    private CurvesSection() {
    }

    static ReportDocument.Section of(ExperimentResults results, String regenerate) {
        double rate = results.rates().get(0);
        List<ReportDocument.Figure> figures = new ArrayList<>();
        for (ExperimentResults.Row row : results.rows()) {
            List<ExperimentResults.RunRecord> runs = results.finished(row.label(), rate);
            if (runs.isEmpty()) {
                continue;
            }
            List<String> series = new ArrayList<>();
            List<SweepTable.Point> points = new ArrayList<>();
            for (ExperimentResults.RunRecord run : runs) {
                RunHistory h = RunHistory.read(results.runDirectory(run));
                for (String m : results.dataset().modalities()) {
                    add(points, series, m, h.column(RunHistory.MODALITY_ACCURACY + m), h.column("epoch"));
                }
                add(points, series, "fused", h.column(RunHistory.FUSED_ACCURACY), h.column("epoch"));
            }
            SweepTable table = SweepTable.of("epoch", series, points);
            byte[] png = SweepPlot.png(table, row.label() + ": validation accuracy per epoch", "epoch",
                    "validation accuracy (%)", new SweepPlot.Style(720, 420, false, 0, 100, "fused"));
            figures.add(new ReportDocument.Figure("curves-" + ReportFormat.slug(row.label()) + ".png", png, row.label()
                    + ": each modality's own and the fused (black) validation accuracy after every epoch, mean over "
                    + runs.size() + " seed" + (runs.size() == 1 ? "" : "s") + " (band: ±1 sample std)."));
        }
        String where = rate == 0 ? "" : String.format(Locale.ROOT, " (runs with missing rate η = %s)", rate);
        return new ReportDocument.Section("Training curves", List.of(
                new ReportDocument.Paragraph("Validation accuracy per epoch" + where + ", from each run's `"
                        + RunDirectory.HISTORY + "`. A modality whose own accuracy stays low while the fused "
                        + "accuracy is high is the lazy modality of joint training."),
                new ReportDocument.Figures(figures),
                new ReportDocument.Command("Regenerate", regenerate)));
    }

    private static void add(List<SweepTable.Point> points, List<String> series, String name, double[] values,
                            double[] epochs) {
        if (values == null) {
            return;
        }
        boolean any = false;
        for (int i = 0; i < values.length; i++) {
            if (!Double.isNaN(values[i])) {
                points.add(new SweepTable.Point(name, epochs[i], values[i])); // numbered from 1 (RunHistory)
                any = true;
            }
        }
        if (any && !series.contains(name)) {
            series.add(name);
        }
    }
}
