package org.mla4j.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mla4j.experiment.Comparison;
import org.mla4j.experiment.EmbeddingAnalysis;
import org.mla4j.experiment.ExperimentResults;

/**
 * The report's modality-gap section, drawn from each run's saved embedding analysis
 * ({@link EmbeddingAnalysis}, computed by the experiment): a table of the gap per modality pair
 * (mean ± std over seeds) per row, and the PCA picture of the first seed's embeddings.
 */
final class GapSection {
    private GapSection() {
    }

    /** The section, or null when the experiment analyses no gap; {@code json} receives the numbers. */
    static ReportDocument.Section of(ExperimentResults results, String regenerate, Map<String, Object> json) {
        if (results.gapMethods().isEmpty() || results.dataset().modalities().size() < 2) {
            return null;
        }
        double rate = results.rates().get(0);
        List<ExperimentResults.Row> rows = results.rows().stream()
                .filter(r -> results.gapMethods().contains(r.method()) && !results.finished(r.label(), rate).isEmpty())
                .toList();
        if (rows.isEmpty()) {
            return null;
        }
        List<String> modalities = results.dataset().modalities();
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < modalities.size(); i++) {
            for (int j = i + 1; j < modalities.size(); j++) {
                pairs.add(modalities.get(i) + " – " + modalities.get(j));
            }
        }
        Map<String, Map<String, List<Double>>> values = new LinkedHashMap<>(); // row → pair → per seed
        List<ReportDocument.Figure> figures = new ArrayList<>();
        for (ExperimentResults.Row row : rows) {
            Map<String, List<Double>> byPair = new LinkedHashMap<>();
            pairs.forEach(pr -> byPair.put(pr, new ArrayList<>()));
            Map<String, Object> perSeed = new LinkedHashMap<>();
            boolean first = true;
            for (ExperimentResults.RunRecord run : results.finished(row.label(), rate)) {
                EmbeddingAnalysis a = EmbeddingAnalysis.read(results.runDirectory(run));
                if (a == null) {
                    continue; // made before analyses were kept: 'mla report' computes them first
                }
                a.gaps().forEach((pair, gap) -> byPair.get(pair).add(gap));
                perSeed.put(String.valueOf(run.seed()), a.gaps());
                if (first) {
                    first = false;
                    double meanGap = a.gaps().values().stream().mapToDouble(Double::doubleValue).average()
                            .orElse(Double.NaN);
                    String title = row.label() + ", seed " + run.seed() + ": test embeddings" + (a.gaps().isEmpty() ? ""
                            : String.format(Locale.ROOT, a.gaps().size() == 1 ? " (gap %.3f)" : " (mean gap %.3f)",
                            meanGap));
                    figures.add(new ReportDocument.Figure("embeddings-" + ReportFormat.slug(row.label()) + ".png",
                            EmbeddingPlot.png(title, a.projection()), row.label() + ", seed " + run.seed()
                            + ": each modality's encoder output on the test split, L2-normalised, projected on the "
                            + "two leading principal components of all of them; diamonds: centroids."));
                }
            }
            values.put(row.label(), byPair);
            json.put(row.label(), rowJson(byPair, perSeed, rate));
        }
        return new ReportDocument.Section("Modality gap", List.of(
                new ReportDocument.Table(caption(results, rate), header(rows), table(pairs, rows, values)),
                new ReportDocument.Figures(figures),
                new ReportDocument.Command("Regenerate", regenerate)));
    }

    private static Map<String, Object> rowJson(Map<String, List<Double>> byPair, Map<String, Object> perSeed,
                                               double rate) {
        Map<String, Object> pairJson = new LinkedHashMap<>();
        byPair.forEach((pr, v) -> {
            Comparison.Cell cell = ReportFormat.cellOf(v);
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("mean", ReportFormat.nullable(cell.mean()));
            x.put("std", ReportFormat.nullable(cell.std()));
            x.put("seeds", cell.count());
            pairJson.put(pr, x);
        });
        Map<String, Object> rowJson = new LinkedHashMap<>();
        rowJson.put("missing_rate", rate);
        rowJson.put("pairs", pairJson);
        rowJson.put("per_seed", perSeed);
        return rowJson;
    }

    private static List<String> header(List<ExperimentResults.Row> rows) {
        List<String> header = new ArrayList<>(List.of("modality pair"));
        rows.forEach(r -> header.add(r.label()));
        return header;
    }

    private static List<List<ReportDocument.Cell>> table(List<String> pairs, List<ExperimentResults.Row> rows,
                                                         Map<String, Map<String, List<Double>>> values) {
        List<List<ReportDocument.Cell>> table = new ArrayList<>();
        for (String pr : pairs) {
            List<ReportDocument.Cell> cells = new ArrayList<>();
            cells.add(ReportDocument.Cell.of(pr));
            for (ExperimentResults.Row r : rows) {
                cells.add(ReportDocument.Cell.of(ReportFormat.decimal(ReportFormat.cellOf(values.get(r.label()).get(pr)))));
            }
            table.add(cells);
        }
        if (pairs.size() > 1) {
            List<ReportDocument.Cell> cells = new ArrayList<>();
            cells.add(ReportDocument.Cell.of("mean over pairs"));
            for (ExperimentResults.Row r : rows) {
                double mean = values.get(r.label()).values().stream()
                        .mapToDouble(v -> ReportFormat.cellOf(v).mean()).average().orElse(Double.NaN);
                cells.add(ReportDocument.Cell.of(String.format(Locale.ROOT, "%.3f", mean)));
            }
            table.add(cells);
        }
        return table;
    }

    private static String caption(ExperimentResults results, double rate) {
        String where = rate == 0 ? "" : String.format(Locale.ROOT, " (runs with missing rate η = %s)", rate);
        return "Modality gap on the test split" + where + ": the distance ‖c_a − c_b‖ between the centroids of two "
                + "modalities' L2-normalised encoder embeddings (Liang et al. 2022; 0 = the same centre, at most 2), "
                + "mean ± sample std over seeds " + results.seedList() + ". Embeddings come from each run's saved "
                + "model, over the test samples that have the modality.";
    }
}
