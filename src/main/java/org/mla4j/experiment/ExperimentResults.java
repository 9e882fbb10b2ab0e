package org.mla4j.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.io.InvalidInputException;
import org.mla4j.io.Json;
import org.mla4j.method.Methods;
import org.mla4j.run.RunDirectory;

/**
 * What an experiment produced, as kept in its results directory: {@code results.json} (the
 * resolved spec, the command, the dataset and its checksum, every run with its coordinates and
 * status, and the tables with full-precision numbers), {@code tables.md} (the tables for people,
 * each with the command that produces it) and {@code accuracy.csv} (one line per missing rate and
 * table row). The tables are computed from the run directories' {@code metrics.json}, never typed
 * in: {@link #read} followed by {@link #accuracy} gives the same numbers as the run that wrote them.
 * Every file is written atomically.
 */
public final class ExperimentResults {
    public static final String FILE = "results.json";
    public static final String TABLES = "tables.md";
    public static final String ACCURACY_CSV = "accuracy.csv";
    public static final String SPEC_COPY = "spec.resolved.yaml";
    static final String FORMAT = "mla4j-results";
    static final int VERSION = 1;

    /** Status of a run that finished and holds metrics. */
    public static final String DONE = "done";
    /** Status of a run that diverged. */
    public static final String FAILED = "failed";
    /** Status of a run that was not trained (the grid was interrupted). */
    public static final String NOT_RUN = "not run";

    /**
     * A table row: a method, or a method under an ablation variant.
     *
     * @param variant the variant's name, or null for an experiment without variants
     * @param changes the options the variant sets (empty without variants)
     */
    public record Row(String label, String method, String variant, Map<String, Object> changes) {
    }

    /** One run: its folder (relative to the results directory), coordinates and status. */
    public record RunRecord(String directory, String row, String method, String variant, double missingRate, long seed,
                            String status, String failure) {
    }

    /** The dataset the runs used. */
    public record DatasetInfo(String name, String path, String absolutePath, String sha256, List<String> modalities) {
    }

    private final Path directory;
    private final String name;
    private final String description;
    private final String command;
    private final String created;
    private final Map<String, Object> provenance;
    private final DatasetInfo dataset;
    private final JsonNode spec;
    private final int epochs;
    private final List<Long> seeds;
    private final List<Double> rates;
    private final List<Row> rows;
    private final List<RunRecord> runs;
    private final List<String> gapMethods;
    private final boolean curves;

    private ExperimentResults(Path directory, String name, String description, String command, String created,
                              Map<String, Object> provenance, DatasetInfo dataset, JsonNode spec, int epochs,
                              List<Long> seeds, List<Double> rates, List<Row> rows, List<RunRecord> runs,
                              List<String> gapMethods, boolean curves) {
        this.directory = directory;
        this.name = name;
        this.description = description;
        this.command = command;
        this.created = created;
        this.provenance = provenance;
        this.dataset = dataset;
        this.spec = spec;
        this.epochs = epochs;
        this.seeds = List.copyOf(seeds);
        this.rates = List.copyOf(rates);
        this.rows = List.copyOf(rows);
        this.runs = List.copyOf(runs);
        this.gapMethods = List.copyOf(gapMethods);
        this.curves = curves;
    }

    /**
     * The results of a grid that has just run.
     *
     * @param failures run directory → why it failed (runs that diverged)
     */
    public static ExperimentResults collect(Experiment experiment, List<ExperimentGrid.PlannedRun> plan,
                                            MultimodalDataset dataset, Path directory, String command,
                                            Map<String, Object> provenance, Map<Path, String> failures) {
        List<Row> rows = new ArrayList<>();
        for (Experiment.Variant v : experiment.variants()) {
            for (String method : v.methods()) {
                // the options (and, for data-size rows, the training share) the variant sets, in definition order
                List<org.mla4j.settings.Setting<?>> settings = new ArrayList<>(Methods.allSettings());
                settings.addAll(org.mla4j.train.TrainSettings.ALL);
                Map<String, Object> set = v.changes().givenJson(settings);
                rows.add(new Row(ExperimentGrid.rowLabel(method, v), method, v.implicit() ? null : v.name(), set));
            }
        }
        List<RunRecord> runs = new ArrayList<>();
        for (ExperimentGrid.PlannedRun p : plan) {
            Path dir = p.entry().directory();
            String status = RunGrid.isDone(p.entry()) ? DONE : failures.containsKey(dir) ? FAILED : NOT_RUN;
            runs.add(new RunRecord(directory.relativize(dir).toString().replace('\\', '/'), p.row(), p.method(),
                    p.variant().implicit() ? null : p.variant().name(), p.rate(), p.seed(), status,
                    failures.get(dir)));
        }
        JsonNode spec = Json.MAPPER.copy().setSerializationInclusion(
                com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL).valueToTree(experiment.resolvedSpec(directory));
        DatasetInfo info = new DatasetInfo(dataset.name(), experiment.data().toString(),
                experiment.data().toAbsolutePath().normalize().toString(), dataset.checksum(), dataset.modalityNames());
        return new ExperimentResults(directory, experiment.name(), experiment.description(), command,
                Instant.now().toString(), provenance, info, spec, experiment.epochs(), experiment.seeds(),
                experiment.rates(), rows, runs, experiment.gapMethods(), experiment.curves());
    }

    /** Reads {@code results.json} of a results directory. */
    public static ExperimentResults read(Path directory) {
        Path file = directory.resolve(FILE);
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw InvalidInputException.inFile(file, "not found; is " + directory
                    + " a results directory written by 'mla run'?");
        } catch (JsonProcessingException e) {
            throw Json.invalid(file, e);
        } catch (IOException e) {
            throw InvalidInputException.inFile(file, "cannot be read (" + SpecReader.firstLine(e.getMessage()) + ")");
        }
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw InvalidInputException.inFile(file, "is not an mla4j results file (\"format\" must be \"" + FORMAT
                    + "\")");
        }
        try {
            JsonNode d = root.get("dataset");
            DatasetInfo info = new DatasetInfo(d.get("name").asText(), d.get("path").asText(),
                    d.path("absolute_path").asText(d.get("path").asText()), d.get("sha256").asText(),
                    strings(d.get("modalities")));
            List<Row> rows = new ArrayList<>();
            for (JsonNode r : root.get("rows")) {
                @SuppressWarnings("unchecked")
                Map<String, Object> changes = Json.MAPPER.convertValue(r.path("options"), LinkedHashMap.class);
                rows.add(new Row(r.get("label").asText(), r.get("method").asText(), text(r.get("variant")),
                        changes == null ? Map.of() : changes));
            }
            List<RunRecord> runs = new ArrayList<>();
            for (JsonNode r : root.get("runs")) {
                runs.add(new RunRecord(r.get("directory").asText(), r.get("row").asText(), r.get("method").asText(),
                        text(r.get("variant")), r.get("missing_rate").asDouble(), r.get("seed").asLong(),
                        r.get("status").asText(), text(r.get("failure"))));
            }
            List<Long> seeds = new ArrayList<>();
            root.get("seeds").forEach(s -> seeds.add(s.asLong()));
            List<Double> rates = new ArrayList<>();
            root.get("missing_rates").forEach(s -> rates.add(s.asDouble()));
            @SuppressWarnings("unchecked")
            Map<String, Object> provenance = Json.MAPPER.convertValue(root.path("provenance"), LinkedHashMap.class);
            return new ExperimentResults(directory, root.get("experiment").asText(), root.path("description").asText(""),
                    root.get("command").asText(), root.path("created").asText(""),
                    provenance == null ? Map.of() : provenance, info, root.get("spec"), root.get("epochs").asInt(),
                    seeds, rates, rows, runs, strings(root.get("modality_gap_methods")), root.path("curves").asBoolean(true));
        } catch (RuntimeException e) {
            throw InvalidInputException.inFile(file, "is incomplete or malformed (" + e + ")");
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null) {
            array.forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    public Path directory() {
        return directory;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    /** The {@code mla run} command line that produced these results. */
    public String command() {
        return command;
    }

    public String created() {
        return created;
    }

    public Map<String, Object> provenance() {
        return provenance;
    }

    public DatasetInfo dataset() {
        return dataset;
    }

    /** The resolved spec (every default filled in). */
    public JsonNode spec() {
        return spec;
    }

    public int epochs() {
        return epochs;
    }

    public List<Long> seeds() {
        return seeds;
    }

    /** Missing rates of the grid, ascending. */
    public List<Double> rates() {
        return rates;
    }

    public List<Row> rows() {
        return rows;
    }

    public List<RunRecord> runs() {
        return runs;
    }

    public List<String> gapMethods() {
        return gapMethods;
    }

    public boolean curves() {
        return curves;
    }

    /** Whether the rows include ablation variants. */
    public boolean hasVariants() {
        return rows.stream().anyMatch(r -> r.variant() != null);
    }

    /** A run's directory. */
    public Path runDirectory(RunRecord run) {
        return directory.resolve(run.directory());
    }

    /** The finished runs of one table row at one missing rate, by seed. */
    public List<RunRecord> finished(String row, double rate) {
        return runs.stream().filter(r -> r.row().equals(row) && r.missingRate() == rate && r.status().equals(DONE))
                .toList();
    }

    /** Runs that failed, as "name: reason". */
    public List<String> failures() {
        return runs.stream().filter(r -> r.status().equals(FAILED)).map(r -> r.directory() + ": " + r.failure())
                .toList();
    }

    /** The accuracy table at one missing rate: a row per method (and variant), read from the runs' metrics. */
    public Comparison accuracy(double rate) {
        List<RunSummary> summaries = new ArrayList<>();
        for (RunRecord r : runs) {
            if (r.missingRate() == rate && r.status().equals(DONE)) {
                RunSummary s = RunSummary.read(runDirectory(r).resolve(RunDirectory.METRICS));
                summaries.add(new RunSummary(r.row(), s.seed(), s.selectedEpoch(), s.fusedAccuracy(),
                        s.fusedAccuracyLastEpoch(), s.modalityAccuracy()));
            }
        }
        return Comparison.of(rows.stream().map(Row::label).toList(), dataset.modalities(), summaries);
    }

    /** Fused test accuracy against the missing rate, a series per row; null with a single rate. */
    public SweepTable sweep() {
        return rates.size() < 2 ? null : sweepTable();
    }

    /** Fused test accuracy against the missing rate, a series per row, whatever the number of rates. */
    public SweepTable sweepTable() {
        List<SweepTable.Point> points = new ArrayList<>();
        for (RunRecord r : runs) {
            if (r.status().equals(DONE)) {
                RunSummary s = RunSummary.read(runDirectory(r).resolve(RunDirectory.METRICS));
                points.add(new SweepTable.Point(r.row(), r.missingRate(), s.fusedAccuracy()));
            }
        }
        return SweepTable.of("η", rows.stream().map(Row::label).toList(), points);
    }

    /**
     * Each modality's own test accuracy against the missing rate, a series per row and modality
     * ({@code "mla · audio"}). With one modality masked in training only,
     * this is the paper's Figure 2.
     */
    public SweepTable modalitySweep(String axis) {
        List<String> series = new ArrayList<>();
        for (Row row : rows) {
            for (String m : dataset.modalities()) {
                series.add(row.label() + " · " + m);
            }
        }
        List<SweepTable.Point> points = new ArrayList<>();
        for (RunRecord r : runs) {
            if (r.status().equals(DONE)) {
                RunSummary s = RunSummary.read(runDirectory(r).resolve(RunDirectory.METRICS));
                s.modalityAccuracy().forEach((m, acc) ->
                        points.add(new SweepTable.Point(r.row() + " · " + m, r.missingRate(), acc)));
            }
        }
        return SweepTable.of(axis, series, points);
    }

    /** The caption of the accuracy table at a rate. */
    public String accuracyCaption(double rate) {
        String missing = rate == 0 ? "" : String.format(Locale.ROOT, " with missing rate η = %s (every split)", rate);
        return "Test accuracy (%) on " + dataset.name() + missing + ": each modality's own accuracy and the fused "
                + "accuracy, mean ± sample std over seeds " + seedList() + "; model chosen by validation fused "
                + "accuracy; * = best in column.";
    }

    /** "0, 1, 2". */
    public String seedList() {
        return String.join(", ", seeds.stream().map(String::valueOf).toList());
    }

    /** Heading of the accuracy table at a rate. */
    public String accuracyHeading(double rate) {
        return rates.size() == 1 && rate == 0 ? "Test accuracy" : String.format(Locale.ROOT,
                "Test accuracy at missing rate η = %s", rate);
    }

    /** How the missing cells were drawn (the spec's protocol), or null when no rate hides any. */
    public String missingProtocolDescription() {
        return rates.stream().anyMatch(r -> r > 0) ? protocolText() : null;
    }

    private String protocolText() {
        String where = spec.at("/missing/training_only").asBoolean(false)
                ? "in the training split only (fit and validation rows; the test split is complete)"
                : "in train, validation and test";
        return "global".equals(spec.at("/missing/protocol").asText("independent"))
                ? "a share η of all (sample, modality) cells is missing " + where + ", at least one modality kept "
                        + "per sample (GCNet's global protocol: with M modalities at most (M − 1)/M of the cells can "
                        + "be missing, so a larger η gives that mask)"
                : "every (sample, modality) pair is dropped with probability η " + where + ", at least one "
                        + "modality kept per sample";
    }

    /** Caption of the missing-rate table. */
    public String sweepCaption() {
        String how = protocolText();
        return "Fused test accuracy (%) on " + dataset.name() + " against the missing rate η: " + how
                + "; mean ± sample std over seeds " + seedList() + ".";
    }

    /** The variants and the options each sets, as a Markdown table. */
    public String variantsMarkdown() {
        StringBuilder sb = new StringBuilder("| row | options set by the variant |\n|---|---|\n");
        for (Row r : rows) {
            sb.append("| ").append(r.label()).append(" | ").append(describe(r.changes())).append(" |\n");
        }
        return sb.toString();
    }

    /** "hgm: off, fusion: mean", or "(none)". */
    public static String describe(Map<String, Object> changes) {
        if (changes.isEmpty()) {
            return "(none: the spec's options)";
        }
        List<String> parts = new ArrayList<>();
        changes.forEach((k, v) -> parts.add(k + ": " + v));
        return String.join(", ", parts);
    }


    /** The tables as Markdown, each followed by the command that produces it. */
    public String tablesMarkdown() {
        return ResultsFiles.tablesMarkdown(this);
    }

    /** The machine-readable form written to {@code results.json}. */
    public Map<String, Object> json() {
        return ResultsFiles.json(this);
    }

    /** Writes {@code results.json}, {@code tables.md} and {@code accuracy.csv} (each atomically). */
    public void write() {
        ResultsFiles.write(this);
    }
}
