package org.mla4j.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.LongStream;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.data.load.DatasetLoader;
import org.mla4j.experiment.Comparison;
import org.mla4j.experiment.Experiment;
import org.mla4j.experiment.ExperimentResults;
import org.mla4j.experiment.MissingPlan;
import org.mla4j.io.AtomicFiles;
import org.mla4j.io.InvalidInputException;
import org.mla4j.io.Json;
import org.mla4j.method.Methods;
import org.mla4j.settings.Setting;
import org.mla4j.settings.SettingValues;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mla compare}: trains every method × seed with the same settings and tabulates test
 * accuracy (mean ± std over seeds). The grid runs through the experiment engine, so OUT is a results
 * directory {@code mla report} reads; finished runs in OUT/runs are reused.
 */
@Command(name = "compare", header = "Compare methods over seeds: a table of unimodal and fused accuracy.", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train several methods with several seeds on one dataset and compare them: one run directory "
                + "per method and seed under OUT/runs/<method>-seed<S>, and a table of each modality's and the fused "
                + "test accuracy (mean ± sample std over seeds, best per column marked *) in OUT/comparison.md, "
                + ".csv and .json, beside the experiment's results.json and tables ('mla report OUT' reads them).",
                "Re-running the same command only trains the runs that are missing."})
final class CompareCommand implements Callable<Integer>, SettingOptions.Takes {
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
    DataOption data;

    @Mixin
    OutputOptions output;

    @Mixin
    ExecutionOptions execution;

    @Override
    public List<Setting<?>> settings() {
        return SettingOptions.trainingWithMissing();
    }

    @Override
    public Integer call() {
        List<String> methodList = parseMethods(methods);
        RunSettings.require(seeds >= 1, "--seeds must be at least 1, got " + seeds);
        SettingValues values = SettingOptions.read(spec, settings());
        MissingPlan missing = RunSettings.missing(values);
        MultimodalDataset dataset = DatasetLoader.load(data.dataOrDefault());
        Path target = out != null ? out : Path.of("runs", dataset.name(), "compare");
        Experiment experiment = Experiment.ofCommand(dataset.name() + "-compare",
                "Methods compared with mla compare.", data.dataOrDefault(), methodList, seedList(seeds),
                RunSettings.shared(values), missing, key -> SettingOptions.optionFor(key, settings()));
        experiment.checkAgainst(dataset);
        List<String> commandLine = SweepOutput.commandLine(spec);
        ExperimentResults results = GridCommand.run(experiment, dataset, target, "compare", commandLine, output,
                execution, spec.commandLine().getErr());
        String command = SweepOutput.regenerating(commandLine);
        Comparison comparison = results.accuracy(missing.rates().get(0));
        StringBuilder markdown = new StringBuilder("Test accuracy (%) on " + dataset.name()
                + ", mean ± sample std over seeds 0.." + (seeds - 1)
                + "; model chosen by validation fused accuracy; * = best in column.\n\n")
                .append(comparison.markdown()).append("\nCommand: `").append(command).append("`\n");
        if (!results.failures().isEmpty()) {
            markdown.append("\nRuns that failed (left out of the table):\n\n");
            results.failures().forEach(f -> markdown.append("- ").append(f).append('\n'));
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("dataset", dataset.name());
        json.put("dataset_sha256", dataset.checksum());
        json.put("command", command);
        json.put("seeds", seeds);
        json.putAll(comparison.json());
        json.put("failed_runs", results.failures());
        AtomicFiles.writeString(target.resolve(MARKDOWN), markdown.toString());
        AtomicFiles.writeString(target.resolve(CSV), comparison.csv());
        AtomicFiles.writeString(target.resolve(JSON), Json.write(json));
        output.print(spec.commandLine().getOut(), markdown.toString(), Json.write(json));
        output.note(spec.commandLine().getErr(), "comparison written to " + target + " (report: mla report " + target + ")");
        return GridCommand.exitCode(results, spec.commandLine().getErr());
    }

    static List<Long> seedList(int n) {
        return LongStream.range(0, n).boxed().toList();
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
}
