package org.mla4j.report;

import java.util.ArrayList;
import java.util.List;
import org.mla4j.experiment.AnalysisFiles;
import org.mla4j.experiment.AnalysisPlan;
import org.mla4j.experiment.Corruption;
import org.mla4j.experiment.ExperimentResults;
import org.mla4j.experiment.RobustnessTables;
import org.mla4j.experiment.SweepTable;

/**
 * The report's robustness section, drawn from the runs' saved robustness analyses
 * ({@link RobustnessTables}): per corrupted modality, the fused accuracy, the modality's own accuracy
 * and its mean fusion weight λ at every noise level and blank share (one table each, clean first),
 * the fused accuracy plotted against σ and against p, and MLA's λ of every modality against σ.
 */
final class RobustnessSection {
    private RobustnessSection() {
    }

    static ReportDocument.Section of(ExperimentResults results, AnalysisPlan.Robustness plan, String regenerate) {
        RobustnessTables t = RobustnessTables.of(results, plan);
        List<ReportDocument.Block> blocks = new ArrayList<>();
        blocks.add(new ReportDocument.Paragraph(AnalysisFiles.robustnessCaption(results)));
        if (t.rows().isEmpty()) {
            blocks.add(new ReportDocument.Paragraph("No run has a robustness analysis yet."));
            return new ReportDocument.Section("Robustness to a corrupted modality", blocks);
        }
        List<String> modalities = results.dataset().modalities();
        for (String m : t.modalities()) {
            SweepTable noise = t.fused(m, Corruption.Kind.NOISE);
            SweepTable blank = t.fused(m, Corruption.Kind.BLANK);
            blocks.add(table("Fused test accuracy (%) with " + m + " corrupted", t.rows(), noise, blank, true));
            blocks.add(table(m + "'s own test accuracy (%) with " + m + " corrupted (methods with a unimodal output "
                    + "for it; none at p = 1, where it is absent)", t.rows(), t.own(m, Corruption.Kind.NOISE),
                    t.own(m, Corruption.Kind.BLANK), false));
            if (!t.weightedRows().isEmpty()) {
                blocks.add(table("Mean fusion weight λ (%) of " + m + " while it is corrupted (1/" + modalities.size()
                        + " = equal weights)", t.weightedRows(), t.weight(m, Corruption.Kind.NOISE),
                        t.weight(m, Corruption.Kind.BLANK), false));
            }
            if (!t.confidenceRows().isEmpty()) {
                List<SweepColumns.Column> columns = columns(t.confidence(m, Corruption.Kind.NOISE),
                        t.confidence(m, Corruption.Kind.BLANK));
                blocks.add(SweepColumns.table("Mean unnormalised fusion weight of " + m + " while it is corrupted "
                        + "(QMF's energy confidence c = logsumexp(f)/T; MLA's validation-fitted logit scale under the "
                        + "recommended preset; none at p = 1); mean ± sample std over seeds.", "method",
                        t.confidenceRows(), columns, ReportFormat::decimal, false));
            }
            List<ReportDocument.Figure> figures = new ArrayList<>();
            String slug = ReportFormat.slug(m);
            figures.add(new ReportDocument.Figure("robustness-noise-" + slug + ".png",
                    SweepPlot.png(noise, "Gaussian noise on " + m, "noise std σ (standardised units)",
                            "fused test accuracy (%)"),
                    "Fused test accuracy against the std σ of the noise added to " + m + " (mean over seeds, band ±1 "
                            + "sample std)."));
            figures.add(new ReportDocument.Figure("robustness-blank-" + slug + ".png",
                    SweepPlot.png(blank, "Entries of " + m + " blanked", "share p of the entries blanked",
                            "fused test accuracy (%)"),
                    "Fused test accuracy against the share p of " + m + "'s entries set to their training mean (p = 1: "
                            + m + " absent)."));
            if (t.rows().contains("mla")) {
                SweepTable lambda = t.weightsOf("mla", m, Corruption.Kind.NOISE, modalities);
                figures.add(new ReportDocument.Figure("robustness-lambda-mla-" + slug + ".png",
                        SweepPlot.png(lambda, "MLA's fusion weights, noise on " + m, "noise std σ (standardised units)",
                                "mean fusion weight λ (%)", new SweepPlot.Style(900, 560, true, 0, 100, "λ " + m)),
                        "MLA's mean fusion weight λ of every modality (black: " + m + ", the corrupted one) against the "
                                + "std of the noise on " + m + ": λ = softmax of −entropy over the modalities, per sample."));
            }
            blocks.add(new ReportDocument.Figures(figures));
        }
        blocks.add(new ReportDocument.Command("Regenerate", regenerate));
        return new ReportDocument.Section("Robustness to a corrupted modality", blocks);
    }

    /** One table: the clean column, the noise levels above 0, then the blank shares. */
    private static ReportDocument.Table table(String caption, List<String> rows, SweepTable noise, SweepTable blank,
                                              boolean highlight) {
        List<SweepColumns.Column> columns = columns(noise, blank);
        return SweepColumns.table(caption + "; mean ± sample std over seeds" + (highlight ? ", best per column "
                + "highlighted." : "."), "method", rows, columns, ReportFormat::percent, highlight);
    }

    /** The clean column, the noise levels above 0, then the blank shares. */
    private static List<SweepColumns.Column> columns(SweepTable noise, SweepTable blank) {
        List<SweepColumns.Column> columns = new ArrayList<>();
        columns.add(new SweepColumns.Column("clean", blank, 0));
        columns.addAll(SweepColumns.of(noise, x -> "σ = " + SweepColumns.number(x), x -> x > 0));
        columns.addAll(SweepColumns.of(blank, x -> "p = " + SweepColumns.number(x), x -> x > 0));
        return columns;
    }
}
