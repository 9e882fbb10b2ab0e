package org.mla4j.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mla4j.experiment.AnalysisPlan;
import org.mla4j.experiment.ExperimentResults;
import org.mla4j.experiment.SpecReader;
import org.mla4j.io.Json;
import org.mla4j.run.RunConfig;
import org.mla4j.run.RunDirectory;
import org.mla4j.run.SavedRun;

/**
 * The report of an experiment's results directory: the accuracy tables (the paper's Table 1, and
 * Table 3 when the spec has ablation variants), fused accuracy against the missing rate (Table 2)
 * with its plot, the modality gap on the test split with PCA pictures of the embeddings (Figure 3),
 * every row's validation accuracy per epoch (training curves), the analyses the spec asks for
 * (robustness to a corrupted modality, convergence, cost, accuracy against the training-set size),
 * and each run's resolved settings and provenance, each next to the command that regenerates it. It only presents: every number comes
 * from the results directory (metrics, histories, and the analyses the experiment saved beside its
 * runs, {@link org.mla4j.experiment.Analyses}). The gap values are also returned as data
 * ({@link Output#analysis()}).
 */
public final class ExperimentReport {
    /** The report and the numbers it shows beyond the tables (the modality gaps). */
    public record Output(ReportDocument document, Map<String, Object> analysis) {
    }

    private final ExperimentResults results;
    private final String reportCommand;
    private final Map<String, Object> analysis = new LinkedHashMap<>();

    private ExperimentReport(ExperimentResults results, String reportCommand) {
        this.results = results;
        this.reportCommand = reportCommand;
    }

    /**
     * Builds the report.
     *
     * @param reportCommand the command line that makes this report (printed beside what it shows)
     */
    public static Output build(ExperimentResults results, String reportCommand) {
        ExperimentReport r = new ExperimentReport(results, reportCommand);
        AccuracySections accuracy = new AccuracySections(results, r.regenerate());
        List<ReportDocument.Section> sections = new ArrayList<>();
        sections.add(r.summary());
        for (double rate : results.rates()) {
            sections.add(accuracy.accuracy(rate));
        }
        if (results.hasVariants()) {
            sections.add(accuracy.variants());
        }
        if (results.rates().size() > 1) {
            sections.add(accuracy.sweep());
        }
        Map<String, Object> gaps = new LinkedHashMap<>();
        ReportDocument.Section gap = GapSection.of(results, r.regenerate(), gaps);
        if (gap != null) {
            sections.add(gap);
            r.analysis.put("modality_gap", gaps);
        }
        if (results.curves()) {
            sections.add(CurvesSection.of(results, r.regenerate()));
        }
        sections.addAll(r.analyses());
        sections.add(r.runs());
        return new Output(new ReportDocument(results.name() + ": mla4j experiment report", sections), r.analysis);
    }

    /** The sections of the analyses the spec asked for, drawn from what the experiment saved ({@link AnalysisPlan}). */
    private List<ReportDocument.Section> analyses() {
        AnalysisPlan plan = AnalysisPlan.of(results);
        List<ReportDocument.Section> out = new ArrayList<>();
        if (plan.robustness() != null) {
            out.add(RobustnessSection.of(results, plan.robustness(), regenerate()));
        }
        if (plan.convergence() != null) {
            out.add(ConvergenceSection.of(results, plan.convergence().threshold(), regenerate()));
        }
        if (plan.cost() != null) {
            out.add(CostSection.of(results, regenerate()));
        }
        if (plan.dataSize() != null) {
            out.add(DataSizeSection.of(results, plan.dataSize(), regenerate()));
        }
        return out;
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
        String protocol = results.missingProtocolDescription();
        blocks.add(new ReportDocument.Paragraph(String.format(Locale.ROOT,
                "Dataset `%s` (modalities %s; SHA-256 `%s`). %d of %d runs finished: %d rows × %d missing rate%s × "
                        + "seeds %s; %s.%s Models are chosen by validation fused accuracy (a validation "
                        + "split carved from the training split); every accuracy is on the test split, as mean ± "
                        + "sample standard deviation over seeds.",
                results.dataset().name(), String.join(", ", results.dataset().modalities()), results.dataset().sha256(),
                done, results.runs().size(), results.rows().size(), results.rates().size(),
                results.rates().size() == 1 ? "" : "s", results.seedList(), epochsSentence(),
                protocol == null ? "" : " Missing cells: " + protocol + ".")));
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

    /**
     * "60 epochs each", or each method's epochs as its finished runs trained them ("late 60, cca 100, …")
     * where methods follow their own recipes.
     */
    private String epochsSentence() {
        Map<String, java.util.TreeSet<Integer>> byMethod = new LinkedHashMap<>();
        for (ExperimentResults.RunRecord run : results.runs()) {
            if (run.status().equals(ExperimentResults.DONE)) {
                RunConfig config = SavedRun.settings(results.runDirectory(run));
                if (config != null) {
                    byMethod.computeIfAbsent(run.row(), k -> new java.util.TreeSet<>()).add(config.epochs());
                }
            }
        }
        java.util.Set<Integer> all = new java.util.TreeSet<>();
        byMethod.values().forEach(all::addAll);
        if (all.size() <= 1) {
            return (all.isEmpty() ? results.epochs() : all.iterator().next()) + " epochs each";
        }
        List<String> parts = new ArrayList<>();
        byMethod.forEach((row, epochs) -> parts.add(row + " " + String.join("/", epochs.stream().map(String::valueOf)
                .toList())));
        return "epochs per row, each method's own training recipe unless the spec sets train.epochs: "
                + String.join(", ", parts);
    }

    /** Up to this many runs the report embeds each run's config.json; beyond it, one table line per run. */
    static final int DETAILED_RUNS = 48;

    private ReportDocument.Details runDetails(ExperimentResults.RunRecord run) {
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
        return new ReportDocument.Details(summary, "json", text);
    }

    private ReportDocument.Table runTable() {
        List<List<ReportDocument.Cell>> rows = new ArrayList<>();
        for (ExperimentResults.RunRecord run : results.runs()) {
            String fused = "–";
            String epoch = "–";
            String status = run.status();
            if (run.status().equals(ExperimentResults.DONE)) {
                var s = org.mla4j.experiment.RunSummary.read(results.runDirectory(run).resolve(RunDirectory.METRICS));
                fused = String.format(Locale.ROOT, "%.2f", 100 * s.fusedAccuracy());
                epoch = String.valueOf(s.selectedEpoch());
            } else if (run.failure() != null) {
                status += ": " + run.failure();
            }
            rows.add(List.of(ReportDocument.Cell.of("`" + run.directory() + "`"), ReportDocument.Cell.of(status),
                    ReportDocument.Cell.of(fused), ReportDocument.Cell.of(epoch)));
        }
        return new ReportDocument.Table(results.runs().size() + " runs (more than " + DETAILED_RUNS + ", so each "
                + "run's settings and provenance are in its own `config.json`, not repeated here)",
                List.of("run", "status", "test fused %", "selected epoch"), rows);
    }

    private ReportDocument.Section runs() {
        List<ReportDocument.Block> blocks = new ArrayList<>();
        blocks.add(new ReportDocument.Paragraph("Each run directory holds `config.json` (every setting, the dataset's "
                + "SHA-256, the command and versions), `metrics.json`, `history.csv` and the model. "
                + (results.runs().size() > DETAILED_RUNS ? "The resolved spec and every run:"
                        : "Settings and provenance of every run:")));
        try {
            blocks.add(new ReportDocument.Details("Resolved experiment spec (`" + ExperimentResults.SPEC_COPY + "`)",
                    "yaml", SpecReader.WRITER.writeValueAsString(results.spec())));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        if (results.runs().size() > DETAILED_RUNS) {
            // a big grid's configs would make the report megabytes long; each run keeps its own config.json
            blocks.add(runTable());
        } else {
            for (ExperimentResults.RunRecord run : results.runs()) {
                blocks.add(runDetails(run));
            }
        }
        return new ReportDocument.Section("Runs", blocks);
    }

    /** A file-name form of a row label. */
    /** The analysis as JSON text. */
    public static String analysisJson(Output output) {
        return Json.write(output.analysis());
    }
}
