package org.mla4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.data.load.DatasetLoader;
import org.mla4j.experiment.Comparison;
import org.mla4j.experiment.RunGrid;
import org.mla4j.io.AtomicFiles;
import org.mla4j.io.InvalidInputException;
import org.mla4j.io.Json;
import org.mla4j.method.Methods;
import org.mla4j.method.shared.ConditionModality;
import org.mla4j.run.Provenance;
import org.mla4j.run.RunConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mla compare}: trains every method × seed with the same settings and tabulates test
 * accuracy (mean ± std over seeds). Resumable: finished runs in OUT/runs are reused.
 */
@Command(name = "compare", header = "Compare methods over seeds: a table of unimodal and fused accuracy.", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train several methods with several seeds on one dataset and compare them: one run directory "
                + "per method and seed under OUT/runs/<method>-seed<S>, and a table of each modality's and the fused "
                + "test accuracy (mean ± sample std over seeds, best per column marked *) in OUT/comparison.md, "
                + ".csv and .json.",
                "Re-running the same command only trains the runs that are missing."})
final class CompareCommand implements Callable<Integer> {
    static final String MARKDOWN = "comparison.md";
    static final String CSV = "comparison.csv";
    static final String JSON = "comparison.json";

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--methods", defaultValue = "all", paramLabel = "all|M[,M...]",
            description = "Methods to compare: all, or a comma-separated list of ${COMPLETION-CANDIDATES} "
                    + "(default: ${DEFAULT-VALUE}).", completionCandidates = TrainCommand.MethodNames.class)
    String methods;

    @Option(names = "--seeds", defaultValue = "3", description = "Number of seeds; seeds 0..N-1 are used (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder. Default: runs/<dataset>/compare.")
    Path out;

    @Mixin
    TrainingOptions training;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        List<String> methodList = parseMethods(methods);
        TrainingOptions.require(seeds >= 1, "--seeds must be at least 1, got " + seeds);
        List<RunConfig> configs = new ArrayList<>();
        for (String method : methodList) {
            for (long seed = 0; seed < seeds; seed++) {
                configs.add(training.resolve(method, seed));
            }
        }
        MultimodalDataset dataset = DatasetLoader.load(training.dataOrDefault());
        ConditionModality.validate(dataset.modalities(), training.conditionModality);
        Path target = out != null ? out : Path.of("runs", dataset.name(), "compare");
        List<RunGrid.Entry> entries = new ArrayList<>();
        for (RunConfig config : configs) {
            entries.add(new RunGrid.Entry(config,
                    target.resolve("runs").resolve(config.method() + "-seed" + config.seed())));
        }
        int todo = (int) entries.stream().filter(e -> !RunGrid.isDone(e)).count();
        output.note(spec.commandLine().getErr(), String.format(java.util.Locale.ROOT,
                "compare: %d methods × %d seeds on %s = %d runs (%d to train, %d already done) into %s",
                methodList.size(), seeds, dataset.name(), entries.size(), todo, entries.size() - todo, target));
        List<String> commandLine = commandLine();
        RunGrid.Result result;
        try (GridProgress progress = new GridProgress(todo, training.epochs, output.quiet || output.json,
                spec.commandLine().getErr())) {
            result = RunGrid.run(entries, dataset, () -> Provenance.collect(commandLine), progress);
        }
        Comparison comparison = Comparison.of(methodList, dataset.modalityNames(), result.summaries());
        String command = String.join(" ", commandLine);
        StringBuilder markdown = new StringBuilder("Test accuracy (%) on " + dataset.name()
                + ", mean ± sample std over seeds 0.." + (seeds - 1)
                + "; model chosen by validation fused accuracy; * = best in column.\n\n")
                .append(comparison.markdown()).append("\nCommand: `").append(command).append("`\n");
        if (!result.failures().isEmpty()) {
            markdown.append("\nRuns that failed (left out of the table):\n\n");
            result.failures().forEach(f -> markdown.append("- ").append(f).append('\n'));
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("dataset", dataset.name());
        json.put("dataset_sha256", dataset.checksum());
        json.put("command", command);
        json.put("seeds", seeds);
        json.putAll(comparison.json());
        json.put("failed_runs", result.failures());
        AtomicFiles.writeString(target.resolve(MARKDOWN), markdown.toString());
        AtomicFiles.writeString(target.resolve(CSV), comparison.csv());
        AtomicFiles.writeString(target.resolve(JSON), Json.write(json));
        output.print(spec.commandLine().getOut(), markdown.toString(), Json.write(json));
        output.note(spec.commandLine().getErr(), "comparison written to " + target);
        if (!result.failures().isEmpty()) {
            spec.commandLine().getErr().println("error: " + result.failures().size() + " run(s) failed: "
                    + String.join("; ", result.failures()));
            return CliErrors.FAILURE;
        }
        return 0;
    }

    static List<String> parseMethods(String value) {
        if (value.trim().equalsIgnoreCase("all")) {
            return Methods.names();
        }
        LinkedHashSet<String> list = new LinkedHashSet<>();
        for (String part : value.split(",")) {
            String name = part.trim();
            if (!name.isEmpty()) {
                Methods.requireKnown(name);
                list.add(name);
            }
        }
        if (list.isEmpty()) {
            throw new InvalidInputException("--methods names no method; valid: all, " + String.join(", ", Methods.names()));
        }
        return List.copyOf(list);
    }

    private List<String> commandLine() {
        List<String> args = new ArrayList<>(List.of("mla")); // the original arguments start with "compare"
        args.addAll(spec.commandLine().getParseResult().originalArgs());
        return args;
    }
}
