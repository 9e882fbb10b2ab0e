package org.mla4j.report;

import java.util.ArrayList;
import java.util.List;
import org.mla4j.experiment.AnalysisFiles;
import org.mla4j.experiment.CostTable;
import org.mla4j.experiment.ExperimentResults;

/** The report's cost section ({@link CostTable}): one table of every method's time, size and memory. */
final class CostSection {
    private CostSection() {
    }

    static ReportDocument.Section of(ExperimentResults results, String regenerate) {
        CostTable c = CostTable.of(results);
        List<List<ReportDocument.Cell>> rows = new ArrayList<>();
        for (CostTable.Row r : c.rows()) {
            rows.add(List.of(ReportDocument.Cell.of(r.label()),
                    ReportDocument.Cell.of(AnalysisFiles.format(r.parameters(), 1, "%.0f")),
                    ReportDocument.Cell.of(AnalysisFiles.format(r.trainSecondsPerEpoch(), 1, "%.3f")),
                    ReportDocument.Cell.of(AnalysisFiles.format(r.fastestEpochSeconds(), 1, "%.3f")),
                    ReportDocument.Cell.of(AnalysisFiles.format(r.inferenceMicrosPerSample(), 1, "%.1f")),
                    ReportDocument.Cell.of(AnalysisFiles.format(r.peakMiB(), 1, "%.0f")),
                    ReportDocument.Cell.of(AnalysisFiles.format(r.trainingMiB(), 1, "%.0f"))));
        }
        return new ReportDocument.Section("Cost", List.of(
                new ReportDocument.Table(AnalysisFiles.costCaption(c), List.of("method", "parameters",
                        "training s/epoch (mean)", "training s/epoch (fastest)", "inference µs/sample",
                        "peak RSS (MiB)", "training memory (MiB)"), rows),
                new ReportDocument.Command("Regenerate", regenerate)));
    }
}
