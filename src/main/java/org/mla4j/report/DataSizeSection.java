package org.mla4j.report;

import java.util.List;
import org.mla4j.experiment.AnalysisFiles;
import org.mla4j.experiment.AnalysisPlan;
import org.mla4j.experiment.DataSizeTable;
import org.mla4j.experiment.ExperimentResults;
import org.mla4j.experiment.SweepTable;

/**
 * The report's data-size section ({@link DataSizeTable}): fused and each modality's own test accuracy
 * of the data-size methods against the share of the training split they trained on, and its plot.
 */
final class DataSizeSection {
    private DataSizeSection() {
    }

    static ReportDocument.Section of(ExperimentResults results, AnalysisPlan.DataSize plan, String regenerate) {
        SweepTable fused = DataSizeTable.fused(results, plan);
        SweepTable modalities = DataSizeTable.modalities(results, plan);
        String caption = AnalysisFiles.dataSizeCaption(results);
        return new ReportDocument.Section("Accuracy against the training-set size", List.of(
                SweepColumns.table("Fused test accuracy (%). " + caption, "method", fused.series(),
                        SweepColumns.of(fused, AnalysisFiles::percent, x -> true), ReportFormat::percent, true),
                SweepColumns.table("Each modality's own test accuracy (%), same runs.", "method · modality",
                        modalities.series(), SweepColumns.of(modalities, AnalysisFiles::percent, x -> true), ReportFormat::percent, false),
                new ReportDocument.Figures(List.of(new ReportDocument.Figure("data-size.png", SweepPlot.png(fused,
                        "Fused test accuracy against the training share on " + results.dataset().name(),
                        "share of the training split", "test accuracy (%)"),
                        "Fused test accuracy against the share of the training split (mean over seeds, band ±1 sample "
                                + "std)."))),
                new ReportDocument.Command("Regenerate", regenerate)));
    }
}
