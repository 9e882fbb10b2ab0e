package org.mla4j.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mla4j.io.AtomicFiles;
import org.mla4j.io.Json;
import org.mla4j.run.RunDirectory;

/**
 * The files a results directory holds, written from {@link ExperimentResults}: {@code results.json}
 * (machine-readable, full precision), {@code tables.md} (each table with the command that makes it)
 * and {@code accuracy.csv}, each written atomically.
 */
final class ResultsFiles {
    private ResultsFiles() {
    }

    /** The tables as Markdown, each followed by the command that produces it. */
    static String tablesMarkdown(ExperimentResults r) {
        StringBuilder md = new StringBuilder("# ").append(r.name()).append("\n\n");
        if (!r.description().isEmpty()) {
            md.append(r.description()).append("\n\n");
        }
        md.append("Dataset `").append(r.dataset().name()).append("` (SHA-256 `").append(r.dataset().sha256())
                .append("`), ").append(r.epochs()).append(" epochs (a method with its own training recipe, such as Table 2's "
                + "baselines, trains for the recipe's unless the spec sets train.epochs; each run's config.json has "
                + "its settings), seeds ").append(r.seedList()).append(".\n\n");
        for (double rate : r.rates()) {
            md.append("## ").append(r.accuracyHeading(rate)).append("\n\n").append(r.accuracyCaption(rate)).append("\n\n")
                    .append(r.accuracy(rate).markdown()).append("\nCommand: `").append(r.command()).append("`\n\n");
        }
        if (r.hasVariants()) {
            md.append("## Variants\n\n").append(r.variantsMarkdown()).append('\n');
        }
        SweepTable sweep = r.sweep();
        if (sweep != null) {
            md.append("## Fused test accuracy against the missing rate\n\n").append(r.sweepCaption()).append("\n\n")
                    .append(sweep.markdown()).append("\nCommand: `").append(r.command()).append("`\n\n");
        }
        List<String> failed = r.failures();
        if (!failed.isEmpty()) {
            md.append("## Runs that failed (left out of the tables)\n\n");
            failed.forEach(f -> md.append("- ").append(f).append('\n'));
            md.append('\n');
        }
        return md.toString();
    }

    /** The machine-readable form written to {@code results.json}. */
    static Map<String, Object> json(ExperimentResults r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", ExperimentResults.FORMAT);
        m.put("format_version", ExperimentResults.VERSION);
        m.put("experiment", r.name());
        m.put("description", r.description());
        m.put("command", r.command());
        m.put("created", r.created());
        m.put("provenance", r.provenance());
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", r.dataset().name());
        d.put("path", r.dataset().path());
        d.put("absolute_path", r.dataset().absolutePath());
        d.put("sha256", r.dataset().sha256());
        d.put("modalities", r.dataset().modalities());
        m.put("dataset", d);
        m.put("spec", r.spec());
        m.put("epochs", r.epochs());
        m.put("seeds", r.seeds());
        m.put("missing_rates", r.rates());
        m.put("modality_gap_methods", r.gapMethods());
        m.put("curves", r.curves());
        List<Map<String, Object>> rowList = new ArrayList<>();
        for (ExperimentResults.Row row : r.rows()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("label", row.label());
            x.put("method", row.method());
            x.put("variant", row.variant());
            x.put("options", row.changes());
            rowList.add(x);
        }
        m.put("rows", rowList);
        List<Map<String, Object>> runList = new ArrayList<>();
        for (ExperimentResults.RunRecord run : r.runs()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("directory", run.directory());
            x.put("row", run.row());
            x.put("method", run.method());
            x.put("variant", run.variant());
            x.put("missing_rate", run.missingRate());
            x.put("seed", run.seed());
            x.put("status", run.status());
            if (run.failure() != null) {
                x.put("failure", run.failure());
            }
            if (run.status().equals(ExperimentResults.DONE)) {
                RunSummary s = RunSummary.read(r.runDirectory(run).resolve(RunDirectory.METRICS));
                x.put(RunDirectory.SELECTED_EPOCH, s.selectedEpoch());
                x.put("test_fused_accuracy", nullable(s.fusedAccuracy()));
                x.put("test_fused_accuracy_last_epoch", nullable(s.fusedAccuracyLastEpoch()));
                x.put("test_modality_accuracy", s.modalityAccuracy());
            }
            runList.add(x);
        }
        m.put("runs", runList);
        Map<String, Object> tables = new LinkedHashMap<>();
        List<Map<String, Object>> accuracy = new ArrayList<>();
        for (double rate : r.rates()) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("missing_rate", rate);
            t.putAll(r.accuracy(rate).json());
            accuracy.add(t);
        }
        tables.put("accuracy", accuracy);
        SweepTable sweep = r.sweep();
        tables.put("missing_sweep", sweep == null ? null : sweep.json());
        m.put("tables", tables);
        return m;
    }

    private static Double nullable(double v) {
        return Double.isNaN(v) ? null : v;
    }

    /** One CSV over every missing rate: {@code missing_rate,} then the columns of {@link Comparison#csv()}. */
    static String accuracyCsv(ExperimentResults r) {
        StringBuilder sb = new StringBuilder();
        for (double rate : r.rates()) {
            List<String> lines = r.accuracy(rate).csv().lines().toList();
            if (sb.length() == 0) {
                sb.append("missing_rate,").append(lines.get(0)).append('\n');
            }
            for (String line : lines.subList(1, lines.size())) {
                sb.append(rate).append(',').append(line).append('\n');
            }
        }
        return sb.toString();
    }

    /** Writes {@code results.json}, {@code tables.md} and {@code accuracy.csv} (each atomically). */
    static void write(ExperimentResults r) {
        AtomicFiles.writeString(r.directory().resolve(ExperimentResults.FILE), Json.write(json(r)));
        AtomicFiles.writeString(r.directory().resolve(ExperimentResults.TABLES), tablesMarkdown(r));
        AtomicFiles.writeString(r.directory().resolve(ExperimentResults.ACCURACY_CSV), accuracyCsv(r));
    }
}
