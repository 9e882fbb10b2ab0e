package org.mla4j.report;

import java.util.ArrayList;
import java.util.List;
import org.mla4j.experiment.Comparison;
import org.mla4j.experiment.ExperimentResults;
import org.mla4j.experiment.SweepTable;

/** The report's accuracy tables: per missing rate, the ablation variants, and accuracy against the rate. */
final class AccuracySections {
    private final ExperimentResults results;
    private final String regenerate;

    AccuracySections(ExperimentResults results, String regenerate) {
        this.results = results;
        this.regenerate = regenerate;
    }

    ReportDocument.Section accuracy(double rate) {
        Comparison c = results.accuracy(rate);
        List<String> header = new ArrayList<>(List.of("method"));
        for (String col : c.columns()) {
            header.add(switch (col) {
                case Comparison.FUSED -> "fused (best-val epoch)";
                case Comparison.FUSED_LAST -> "fused (last epoch)";
                default -> col;
            });
        }
        header.add("seeds");
        header.add("selected epochs");
        List<List<ReportDocument.Cell>> rows = new ArrayList<>();
        for (Comparison.Row row : c.rows()) {
            List<ReportDocument.Cell> cells = new ArrayList<>();
            cells.add(ReportDocument.Cell.of(row.method()));
            for (String col : c.columns()) {
                cells.add(new ReportDocument.Cell(ReportFormat.percent(row.cells().get(col)), c.isBest(row, col)));
            }
            cells.add(ReportDocument.Cell.of(String.valueOf(row.seeds().size())));
            cells.add(ReportDocument.Cell.of(String.join(",", row.selectedEpochs().stream().map(String::valueOf)
                    .toList())));
            rows.add(cells);
        }
        String caption = results.accuracyCaption(rate).replace("; * = best in column.", "; best per column highlighted.")
                + " A modality's own accuracy is its unimodal output (MLA, late fusion, QMF, Sum: the modality's "
                + "logits; Concat, OGM-GE: the head's column block for the modality; FiLM, BiGated: the other inputs "
                + "set to zero).";
        return new ReportDocument.Section(results.accuracyHeading(rate), List.of(
                new ReportDocument.Table(caption, header, rows),
                new ReportDocument.Command("Regenerate", results.command())));
    }

    ReportDocument.Section variants() {
        List<List<ReportDocument.Cell>> rows = new ArrayList<>();
        for (ExperimentResults.Row r : results.rows()) {
            rows.add(List.of(ReportDocument.Cell.of(r.label()),
                    ReportDocument.Cell.of(ExperimentResults.describe(r.changes()))));
        }
        boolean dataSize = results.rows().stream().anyMatch(r -> r.changes().containsKey(
                org.mla4j.train.TrainSettings.TRAIN_FRACTION.key()));
        return new ReportDocument.Section("Ablation variants", List.of(new ReportDocument.Table(
                "Each row's variant changes these method options (`hgm`: head gradient modification; `fusion`: "
                        + "`dynamic` = entropy-weighted dynamic fusion, `mean` = plain mean of the modalities' logits)"
                        + (dataSize ? " or, for the data-size runs, `train_fraction` (the share of the training split "
                        + "they train on)" : "") + "; every other setting is the spec's.",
                List.of("row", "options set by the variant"), rows)));
    }

    ReportDocument.Section sweep() {
        SweepTable sweep = results.sweep();
        List<String> header = new ArrayList<>(List.of("method"));
        sweep.xs().forEach(x -> header.add("η = " + x));
        List<List<ReportDocument.Cell>> rows = new ArrayList<>();
        for (String s : sweep.series()) {
            List<ReportDocument.Cell> cells = new ArrayList<>();
            cells.add(ReportDocument.Cell.of(s));
            for (double x : sweep.xs()) {
                double best = sweep.series().stream().map(o -> sweep.cell(o, x)).filter(cell -> cell != null
                        && cell.count() > 0).mapToDouble(Comparison.Cell::mean).max().orElse(Double.NaN);
                Comparison.Cell cell = sweep.cell(s, x);
                boolean partial = cell != null && cell.count() > 0 && cell.count() < results.seeds().size();
                cells.add(new ReportDocument.Cell(ReportFormat.percent(cell) + (partial ? " (" + cell.count() + " runs)" : ""),
                        cell != null && cell.count() > 0 && cell.mean() >= best - 1e-9));
            }
            rows.add(cells);
        }
        byte[] png = SweepPlot.png(sweep, "Fused test accuracy vs missing rate on " + results.dataset().name(),
                "missing rate η", "test accuracy (%)");
        return new ReportDocument.Section("Fused test accuracy against the missing rate", List.of(
                new ReportDocument.Table(results.sweepCaption() + " Best per column highlighted; \"(n runs)\" marks a "
                        + "cell with fewer runs than seeds (the others failed, see the summary).", header, rows),
                new ReportDocument.Figures(List.of(new ReportDocument.Figure("missing-rate.png", png,
                        "Fused test accuracy (mean over seeds, band: ±1 sample std) against the missing rate η."))),
                new ReportDocument.Command("Regenerate", regenerate)));
    }
}
