package org.mla4j.report;

import java.util.ArrayList;
import java.util.List;
import org.mla4j.experiment.AnalysisFiles;
import org.mla4j.experiment.ConvergenceTable;
import org.mla4j.experiment.ExperimentResults;

/**
 * The report's convergence section ({@link ConvergenceTable}): every row's validation fused accuracy
 * overlaid in one plot against the epoch and in one against wall time, and the table of the epochs
 * (and seconds) each needs to reach the threshold share of its best validation accuracy.
 */
final class ConvergenceSection {
    private ConvergenceSection() {
    }

    static ReportDocument.Section of(ExperimentResults results, double threshold, String regenerate) {
        ConvergenceTable c = ConvergenceTable.of(results, threshold);
        String share = AnalysisFiles.percent(threshold);
        List<List<ReportDocument.Cell>> rows = new ArrayList<>();
        for (ConvergenceTable.Row r : c.rows()) {
            rows.add(List.of(ReportDocument.Cell.of(r.label()),
                    ReportDocument.Cell.of(AnalysisFiles.format(r.bestValidation(), 100, "%.1f")),
                    ReportDocument.Cell.of(AnalysisFiles.format(r.epochsToReach(), 1, "%.1f")),
                    ReportDocument.Cell.of(AnalysisFiles.format(r.secondsToReach(), 1, "%.1f")),
                    ReportDocument.Cell.of(AnalysisFiles.format(r.totalSeconds(), 1, "%.1f"))));
        }
        SweepPlot.Style style = new SweepPlot.Style(900, 560, false, Double.NaN, 100, null, true);
        String name = results.dataset().name();
        List<ReportDocument.Figure> figures = List.of(
                new ReportDocument.Figure("convergence-epochs.png", SweepPlot.png(c.byEpoch(),
                        "Validation fused accuracy per epoch on " + name, "epoch", "validation accuracy (%)", style),
                        "Validation fused accuracy after every epoch, every method (mean over seeds, band ±1 sample std; "
                                + "logarithmic epoch axis)."),
                new ReportDocument.Figure("convergence-seconds.png", SweepPlot.png(c.byTime(),
                        "Validation fused accuracy against wall time on " + name, "wall seconds since the start of "
                                + "training", "validation accuracy (%)", style),
                        "The same curves against the wall seconds elapsed at the end of each epoch (mean over seeds; "
                                + "logarithmic time axis)."));
        return new ReportDocument.Section("Convergence", List.of(
                new ReportDocument.Table(AnalysisFiles.convergenceCaption(results, threshold),
                        List.of("method", "best validation accuracy (%)", "epochs to " + share + " of it",
                                "seconds to " + share + " of it", "seconds in all"), rows),
                new ReportDocument.Figures(figures),
                new ReportDocument.Command("Regenerate", regenerate)));
    }
}
