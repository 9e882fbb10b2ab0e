package org.mla4j.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.data.load.DatasetLoader;
import org.mla4j.eval.ModalityGap;
import org.mla4j.experiment.Comparison;
import org.mla4j.experiment.ExperimentResults;
import org.mla4j.experiment.SpecReader;
import org.mla4j.experiment.SweepTable;
import org.mla4j.io.InvalidInputException;
import org.mla4j.io.Json;
import org.mla4j.run.RunDirectory;
import org.mla4j.run.RunEmbeddings;
import org.mla4j.run.RunHistory;

/**
 * Builds the report of an experiment's results directory: the accuracy tables (the paper's Table 1,
 * and Table 3 when the spec has ablation variants), fused accuracy against the missing rate (Table 2)
 * with its plot, the modality gap on the test split with PCA pictures of the embeddings (Figure 3),
 * every row's validation accuracy per epoch (training curves), and each run's resolved settings and
 * provenance. Every number is computed from the run directories (metrics, history, saved models)
 * and stands next to the command that regenerates it. The figures and the gap values are also
 * returned as data ({@link Output#analysis()}).
 */
public final class ExperimentReport {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ExperimentReport.class);

    /** The report and the numbers it computed beyond the tables (the modality gaps). */
    public record Output(ReportDocument document, Map<String, Object> analysis) {
    }

    private final ExperimentResults results;
    private final Path dataOverride;
    private final String reportCommand;
    private final Map<Path, MultimodalDataset> datasets = new HashMap<>();
    private final Map<String, Object> analysis = new LinkedHashMap<>();

    private ExperimentReport(ExperimentResults results, Path dataOverride, String reportCommand) {
        this.results = results;
        this.dataOverride = dataOverride;
        this.reportCommand = reportCommand;
    }

    /**
     * Builds the report.
     *
     * @param dataOverride  the dataset folder to embed test samples from, or null for the recorded one
     * @param reportCommand the command line that makes this report (printed beside what it computes)
     */
    public static Output build(ExperimentResults results, Path dataOverride, String reportCommand) {
        ExperimentReport r = new ExperimentReport(results, dataOverride, reportCommand);
        List<ReportDocument.Section> sections = new ArrayList<>();
        sections.add(r.summary());
        for (double rate : results.rates()) {
            sections.add(r.accuracy(rate));
        }
        if (results.hasVariants()) {
            sections.add(r.variants());
        }
        if (results.rates().size() > 1) {
            sections.add(r.sweep());
        }
        ReportDocument.Section gap = r.modalityGap();
        if (gap != null) {
            sections.add(gap);
        }
        if (results.curves()) {
            sections.add(r.curves());
        }
        sections.add(r.runs());
        return new Output(new ReportDocument(results.name() + ": mla4j experiment report", sections), r.analysis);
    }

    private String regenerate() {
        return results.command() + " && " + reportCommand;
    }

    private ReportDocument.Section summary() {
        List<ReportDocument.Block> blocks = new ArrayList<>();
        if (!results.description().isEmpty()) {
            blocks.add(new ReportDocument.Paragraph(results.description()));
        }
        long done = results.runs().stream().filter(r -> r.status().equals(ExperimentResults.DONE)).count();
        Map<String, Object> p = results.provenance();
        blocks.add(new ReportDocument.Paragraph(String.format(Locale.ROOT,
                "Dataset `%s` (modalities %s; SHA-256 `%s`). %d of %d runs finished: %d rows × %d missing rate%s × "
                        + "seeds %s, %d epochs each. Models are chosen by validation fused accuracy (a validation "
                        + "split carved from the training split); every accuracy is on the test split, as mean ± "
                        + "sample standard deviation over seeds.",
                results.dataset().name(), String.join(", ", results.dataset().modalities()), results.dataset().sha256(),
                done, results.runs().size(), results.rows().size(), results.rates().size(),
                results.rates().size() == 1 ? "" : "s", results.seedList(), results.epochs())));
        blocks.add(new ReportDocument.Paragraph(String.format(Locale.ROOT,
                "Runs made by mla4j %s (git %s), DJL %s, PyTorch %s, Java %s, engine threads: %s; results written %s.",
                p.getOrDefault("mla4j_version", "?"), p.getOrDefault("git_revision", "?"),
                p.getOrDefault("djl_version", "?"), p.getOrDefault("pytorch_version", "?"),
                p.getOrDefault("java_version", "?"), p.getOrDefault("engine_threads", "?"), results.created())));
        blocks.add(new ReportDocument.Command("Regenerate the runs and tables", results.command()));
        blocks.add(new ReportDocument.Command("Regenerate this report", reportCommand));
        List<String> failed = results.failures();
        if (!failed.isEmpty()) {
            blocks.add(new ReportDocument.Paragraph("Runs that failed and are left out of every table: "
                    + String.join("; ", failed) + "."));
        }
        return new ReportDocument.Section("Summary", blocks);
    }

    private ReportDocument.Section accuracy(double rate) {
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
                cells.add(new ReportDocument.Cell(percent(row.cells().get(col)), c.isBest(row, col)));
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

    private ReportDocument.Section variants() {
        List<List<ReportDocument.Cell>> rows = new ArrayList<>();
        for (ExperimentResults.Row r : results.rows()) {
            rows.add(List.of(ReportDocument.Cell.of(r.label()),
                    ReportDocument.Cell.of(ExperimentResults.describe(r.changes()))));
        }
        return new ReportDocument.Section("Ablation variants", List.of(new ReportDocument.Table(
                "Each row's variant changes these method options (`hgm`: head gradient modification; `fusion`: "
                        + "`dynamic` = entropy-weighted dynamic fusion, `mean` = plain mean of the modalities' logits); "
                        + "every other setting is the spec's.",
                List.of("row", "options set by the variant"), rows)));
    }

    private ReportDocument.Section sweep() {
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
                cells.add(new ReportDocument.Cell(percent(cell) + (partial ? " (" + cell.count() + " runs)" : ""),
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
                new ReportDocument.Command("Regenerate", regenerate())));
    }

    private ReportDocument.Section modalityGap() {
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
        Map<String, Object> json = new LinkedHashMap<>();
        for (ExperimentResults.Row row : rows) {
            Map<String, List<Double>> byPair = new LinkedHashMap<>();
            pairs.forEach(pr -> byPair.put(pr, new ArrayList<>()));
            Map<String, Object> rowJson = new LinkedHashMap<>();
            Map<String, Object> perSeed = new LinkedHashMap<>();
            boolean first = true;
            for (ExperimentResults.RunRecord run : results.finished(row.label(), rate)) {
                Path dir = results.runDirectory(run);
                LOG.debug("modality gap: embedding the test split with {}", dir);
                List<RunEmbeddings.ModalityEmbeddings> emb = RunEmbeddings.testSplit(dir, this::dataset);
                List<RunEmbeddings.ModalityEmbeddings> present = emb.stream().filter(e -> e.embeddings().length > 0)
                        .toList();
                List<ModalityGap.Pair> gaps = ModalityGap.pairs(present.stream().map(
                        RunEmbeddings.ModalityEmbeddings::modality).toList(), present.stream().map(
                        RunEmbeddings.ModalityEmbeddings::embeddings).toList());
                Map<String, Object> seedJson = new LinkedHashMap<>();
                for (ModalityGap.Pair g : gaps) {
                    byPair.get(g.label()).add(g.gap());
                    seedJson.put(g.label(), g.gap());
                }
                perSeed.put(String.valueOf(run.seed()), seedJson);
                if (first) {
                    first = false;
                    List<EmbeddingPlot.Group> groups = present.stream().map(e -> new EmbeddingPlot.Group(e.modality(),
                            e.embeddings())).toList();
                    double meanGap = gaps.stream().mapToDouble(ModalityGap.Pair::gap).average().orElse(Double.NaN);
                    String title = row.label() + ", seed " + run.seed() + ": test embeddings" + (gaps.isEmpty() ? ""
                            : String.format(Locale.ROOT, gaps.size() == 1 ? " (gap %.3f)" : " (mean gap %.3f)", meanGap));
                    figures.add(new ReportDocument.Figure("embeddings-" + slug(row.label()) + ".png",
                            EmbeddingPlot.png(title, groups), row.label() + ", seed " + run.seed()
                            + ": each modality's encoder output on the test split, L2-normalised, projected on the "
                            + "two leading principal components of all of them; diamonds: centroids."));
                }
            }
            values.put(row.label(), byPair);
            Map<String, Object> pairJson = new LinkedHashMap<>();
            byPair.forEach((pr, v) -> {
                Comparison.Cell cell = cellOf(v);
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("mean", nullable(cell.mean()));
                x.put("std", nullable(cell.std()));
                x.put("seeds", cell.count());
                pairJson.put(pr, x);
            });
            rowJson.put("missing_rate", rate);
            rowJson.put("pairs", pairJson);
            rowJson.put("per_seed", perSeed);
            json.put(row.label(), rowJson);
        }
        analysis.put("modality_gap", json);
        List<String> header = new ArrayList<>(List.of("modality pair"));
        rows.forEach(r -> header.add(r.label()));
        List<List<ReportDocument.Cell>> table = new ArrayList<>();
        for (String pr : pairs) {
            List<ReportDocument.Cell> cells = new ArrayList<>();
            cells.add(ReportDocument.Cell.of(pr));
            for (ExperimentResults.Row r : rows) {
                cells.add(ReportDocument.Cell.of(decimal(cellOf(values.get(r.label()).get(pr)))));
            }
            table.add(cells);
        }
        if (pairs.size() > 1) {
            List<ReportDocument.Cell> cells = new ArrayList<>();
            cells.add(ReportDocument.Cell.of("mean over pairs"));
            for (ExperimentResults.Row r : rows) {
                List<Double> means = new ArrayList<>();
                values.get(r.label()).values().forEach(v -> means.add(cellOf(v).mean()));
                cells.add(ReportDocument.Cell.of(String.format(Locale.ROOT, "%.3f",
                        means.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN))));
            }
            table.add(cells);
        }
        String where = rate == 0 ? "" : String.format(Locale.ROOT, " (runs with missing rate η = %s)", rate);
        return new ReportDocument.Section("Modality gap", List.of(
                new ReportDocument.Table("Modality gap on the test split" + where + ": the distance ‖c_a − c_b‖ between "
                        + "the centroids of two modalities' L2-normalised encoder embeddings (Liang et al. 2022; 0 = "
                        + "the same centre, at most 2), mean ± sample std over seeds " + results.seedList()
                        + ". Embeddings come from each run's saved model, over the test samples that have the modality.",
                        header, table),
                new ReportDocument.Figures(figures),
                new ReportDocument.Command("Regenerate", regenerate())));
    }

    private ReportDocument.Section curves() {
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
            figures.add(new ReportDocument.Figure("curves-" + slug(row.label()) + ".png", png, row.label()
                    + ": each modality's own and the fused (black) validation accuracy after every epoch, mean over "
                    + runs.size() + " seed" + (runs.size() == 1 ? "" : "s") + " (band: ±1 sample std)."));
        }
        String where = rate == 0 ? "" : String.format(Locale.ROOT, " (runs with missing rate η = %s)", rate);
        return new ReportDocument.Section("Training curves", List.of(
                new ReportDocument.Paragraph("Validation accuracy per epoch" + where + ", from each run's `"
                        + RunDirectory.HISTORY + "`. A modality whose own accuracy stays low while the fused "
                        + "accuracy is high is the lazy modality of joint training."),
                new ReportDocument.Figures(figures),
                new ReportDocument.Command("Regenerate", regenerate())));
    }

    private static void add(List<SweepTable.Point> points, List<String> series, String name, double[] values,
                            double[] epochs) {
        if (values == null) {
            return;
        }
        boolean any = false;
        for (int i = 0; i < values.length; i++) {
            if (!Double.isNaN(values[i])) {
                points.add(new SweepTable.Point(name, epochs[i] + 1, values[i]));
                any = true;
            }
        }
        if (any && !series.contains(name)) {
            series.add(name);
        }
    }

    private ReportDocument.Section runs() {
        List<ReportDocument.Block> blocks = new ArrayList<>();
        blocks.add(new ReportDocument.Paragraph("Each run directory holds `config.json` (every setting, the dataset's "
                + "SHA-256, the command and versions), `metrics.json`, `history.csv` and the model. Settings and "
                + "provenance of every run:"));
        try {
            blocks.add(new ReportDocument.Details("Resolved experiment spec (`" + ExperimentResults.SPEC_COPY + "`)",
                    "yaml", SpecReader.WRITER.writeValueAsString(results.spec())));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        for (ExperimentResults.RunRecord run : results.runs()) {
            Path config = results.runDirectory(run).resolve(RunDirectory.CONFIG);
            String summary = "`" + run.directory() + "`: " + run.status();
            String text;
            if (run.status().equals(ExperimentResults.DONE)) {
                var s = org.mla4j.experiment.RunSummary.read(results.runDirectory(run).resolve(RunDirectory.METRICS));
                summary += String.format(Locale.ROOT, ", test fused %.2f %%, selected epoch %d", 100 * s.fusedAccuracy(),
                        s.selectedEpoch());
                try {
                    text = Files.readString(config);
                } catch (IOException e) {
                    text = "(cannot read " + config + ": " + e.getMessage() + ")";
                }
            } else {
                text = run.failure() != null ? run.failure() : "not trained";
            }
            blocks.add(new ReportDocument.Details(summary, "json", text));
        }
        return new ReportDocument.Section("Runs", blocks);
    }

    /** The dataset the runs used, loaded once per folder and checked against the recorded checksum. */
    private MultimodalDataset dataset(Path recorded) {
        Path folder = dataOverride != null ? dataOverride
                : Files.exists(recorded) ? recorded : Path.of(results.dataset().absolutePath());
        return datasets.computeIfAbsent(folder.toAbsolutePath().normalize(), p -> {
            if (!Files.exists(p)) {
                throw new InvalidInputException(recorded + ": the runs' dataset is not there any more (nor at "
                        + results.dataset().absolutePath() + "); pass its folder with --data");
            }
            MultimodalDataset ds = DatasetLoader.load(p);
            if (!ds.checksum().equals(results.dataset().sha256())) {
                throw new InvalidInputException(p + ": this dataset differs from the one the runs were trained on "
                        + "(SHA-256 " + ds.checksum() + ", recorded " + results.dataset().sha256() + ")");
            }
            return ds;
        });
    }

    private static Comparison.Cell cellOf(List<Double> values) {
        List<Double> v = values == null ? List.of() : values;
        int n = v.size();
        if (n == 0) {
            return new Comparison.Cell(Double.NaN, Double.NaN, 0);
        }
        double mean = v.stream().mapToDouble(Double::doubleValue).sum() / n;
        double ss = v.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum();
        return new Comparison.Cell(mean, n > 1 ? Math.sqrt(ss / (n - 1)) : Double.NaN, n);
    }

    static String percent(Comparison.Cell c) {
        if (c == null || c.count() == 0) {
            return "–";
        }
        return Double.isNaN(c.std()) ? String.format(Locale.ROOT, "%.1f", 100 * c.mean())
                : String.format(Locale.ROOT, "%.1f ± %.1f", 100 * c.mean(), 100 * c.std());
    }

    private static String decimal(Comparison.Cell c) {
        if (c == null || c.count() == 0) {
            return "–";
        }
        return Double.isNaN(c.std()) ? String.format(Locale.ROOT, "%.3f", c.mean())
                : String.format(Locale.ROOT, "%.3f ± %.3f", c.mean(), c.std());
    }

    private static Double nullable(double v) {
        return Double.isNaN(v) ? null : v;
    }

    /** A file-name form of a row label. */
    static String slug(String label) {
        return label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]+", "-").replaceAll("^-+|-+$", "");
    }

    /** The analysis as JSON text. */
    public static String analysisJson(Output output) {
        return Json.write(output.analysis());
    }
}
