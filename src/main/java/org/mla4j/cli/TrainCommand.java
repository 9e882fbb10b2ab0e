package org.mla4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import org.mla4j.data.DatasetLoader;
import org.mla4j.data.InvalidInputException;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.io.Json;
import org.mla4j.method.ConditionModality;
import org.mla4j.method.Methods;
import org.mla4j.run.Provenance;
import org.mla4j.run.RunConfig;
import org.mla4j.run.RunDirectory;
import org.mla4j.run.RunOutcome;
import org.mla4j.run.TrainingRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mla train}: trains one method with one seed and writes a run directory. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train one method on a dataset and write a run directory:",
                "config.json (settings, dataset checksum, versions), metrics.json, history.csv, model.json + model.npz.",
                "The model kept is the epoch with the best validation fused accuracy; test accuracy is reported for it."})
final class TrainCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--method", defaultValue = "mla", description = "Method: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
            completionCandidates = MethodNames.class)
    String method;

    @Option(names = "--seed", defaultValue = "0", description = "Seed for initialisation and shuffling (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "RUN_DIR",
            description = "Run directory to create. Default: runs/<dataset>/<method>-seed<S>-<time>.")
    Path out;

    @Option(names = "--force", description = "Replace RUN_DIR if it exists.")
    boolean force;

    @Mixin
    TrainingOptions training;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        Methods.requireKnown(method);
        RunConfig config = training.resolve(method, seed);
        MultimodalDataset dataset = DatasetLoader.load(training.dataOrDefault());
        ConditionModality.validate(dataset.modalities(), training.conditionModality);
        Path target = out != null ? out : defaultRunDir(dataset.name(), method, seed);
        if (Files.exists(target) && !force) {
            throw new InvalidInputException(target + ": already exists; choose another --out or pass --force to replace it");
        }
        RunOutcome outcome;
        try (ProgressReporter progress = new ProgressReporter(method + " seed " + seed, config.epochs(), output.quiet,
                spec.commandLine().getErr())) {
            outcome = TrainingRun.execute(config, dataset, progress);
        }
        RunDirectory.write(target, outcome, Provenance.collect(commandLine()), force);
        output.print(spec.commandLine().getOut(), MetricsTable.render(outcome), Json.write(RunDirectory.metrics(outcome)));
        output.note(spec.commandLine().getErr(), "run written to " + target);
        return 0;
    }

    private java.util.List<String> commandLine() {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("mla")); // they start with "train"
        args.addAll(spec.commandLine().getParseResult().originalArgs());
        return args;
    }

    static Path defaultRunDir(String dataset, String method, long seed) {
        String time = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        return Path.of("runs", dataset, method + "-seed" + seed + "-" + time);
    }

    /** Completion candidates and help text for --method. */
    static final class MethodNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Methods.names().iterator();
        }
    }

}
