package org.mla4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mla4j.experiment.Analyses;
import org.mla4j.experiment.ExperimentResults;
import org.mla4j.io.AtomicFiles;
import org.mla4j.io.Json;
import org.mla4j.report.ExperimentReport;
import org.mla4j.report.HtmlReport;
import org.mla4j.report.MarkdownReport;
import org.mla4j.report.ReportDocument;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mla report RESULTS_DIR}: writes the report of an experiment's results directory —
 * {@code report.html} (self-contained), {@code report.md} with its PNGs in {@code figures/}, and
 * {@code analysis.json} (the modality gaps) — each atomically (the figures folder is replaced as a
 * whole).
 */
@Command(name = "report", header = "Write report.html and report.md for a results directory of 'mla run'.",
        mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write the report of a results directory made by 'mla run': report.html (self-contained: "
                + "tables, plots embedded, each run's settings and provenance), report.md with its plots in figures/, "
                + "and analysis.json.",
                "It holds the accuracy tables, fused accuracy against the missing rate, the modality gap on the test "
                + "split with PCA pictures of the embeddings, training curves, and the analyses the spec asks for "
                + "(robustness to a corrupted modality, convergence, cost, accuracy against the training-set size), "
                + "each with the command that regenerates it."})
final class ReportCommand implements Callable<Integer> {
    static final String HTML = "report.html";
    static final String MARKDOWN = "report.md";
    static final String FIGURES = "figures";
    static final String ANALYSIS = "analysis.json";

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RESULTS_DIR", description = "Results directory written by 'mla run'.")
    Path directory;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Dataset folder for the embeddings, if it moved since the runs (it must have the same checksum).")
    Path data;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        List<String> commandLine = SweepOutput.commandLine(spec);
        Map<String, Object> json = write(directory, data, SweepOutput.regenerating(commandLine), output,
                spec.commandLine().getErr());
        output.print(spec.commandLine().getOut(), "report written to " + directory.resolve(HTML) + " and "
                + directory.resolve(MARKDOWN) + " (" + json.get("figures") + " figures)\n", Json.write(json));
        return 0;
    }

    /** Builds and writes the report; returns what was written, as JSON-ready data. */
    static Map<String, Object> write(Path directory, Path data, String command, OutputOptions output, PrintWriter err) {
        ExperimentResults results = ExperimentResults.read(directory);
        output.note(err, "report: reading " + results.runs().size() + " runs of " + results.name());
        Analyses.complete(results, data, null); // what an older mla4j did not keep beside its runs
        ExperimentReport.Output report = ExperimentReport.build(results, command);
        ReportDocument doc = report.document();
        Path staging = AtomicFiles.stagingDirectoryFor(directory.resolve(FIGURES));
        int figures = 0;
        try {
            for (ReportDocument.Section s : doc.sections()) {
                for (ReportDocument.Block b : s.blocks()) {
                    if (b instanceof ReportDocument.Figures f) {
                        for (ReportDocument.Figure figure : f.figures()) {
                            AtomicFiles.write(staging.resolve(figure.fileName()), out -> out.write(figure.png()));
                            figures++;
                        }
                    }
                }
            }
            AtomicFiles.commitDirectory(staging, directory.resolve(FIGURES), true);
        } catch (RuntimeException | Error e) {
            AtomicFiles.deleteRecursively(staging);
            throw e;
        }
        AtomicFiles.writeString(directory.resolve(MARKDOWN), MarkdownReport.render(doc, FIGURES));
        AtomicFiles.writeString(directory.resolve(HTML), HtmlReport.render(doc));
        Map<String, Object> analysis = new LinkedHashMap<>(report.analysis());
        analysis.put("command", command);
        AtomicFiles.writeString(directory.resolve(ANALYSIS), Json.write(analysis));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("html", directory.resolve(HTML).toString());
        json.put("markdown", directory.resolve(MARKDOWN).toString());
        json.put("figures", figures);
        json.put("analysis", analysis);
        return json;
    }
}
