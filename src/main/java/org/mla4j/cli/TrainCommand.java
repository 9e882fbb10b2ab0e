package org.mla4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.data.load.DatasetLoader;
import org.mla4j.experiment.MissingPlan;
import org.mla4j.io.InvalidInputException;
import org.mla4j.io.Json;
import org.mla4j.method.Methods;
import org.mla4j.method.shared.CommonSettings;
import org.mla4j.method.shared.ConditionModality;
import org.mla4j.run.CheckpointFiles;
import org.mla4j.run.Provenance;
import org.mla4j.run.RunCheckpointer;
import org.mla4j.run.RunConfig;
import org.mla4j.run.RunDirectory;
import org.mla4j.run.RunOutcome;
import org.mla4j.run.TrainingRun;
import org.mla4j.settings.Setting;
import org.mla4j.settings.SettingValues;
import org.mla4j.train.Trainer;
import org.mla4j.train.TrainingState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mla train}: trains one method with one seed and writes a run directory. */
@Command(name = "train", header = "Train one method with one seed and write a run directory.", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train one method on a dataset and write a run directory:",
                "config.json (settings, dataset checksum, versions), metrics.json, history.csv, model.json + model.npz.",
                "The model kept is the epoch with the best validation fused accuracy; test accuracy is reported for it."})
final class TrainCommand implements Callable<Integer>, SettingOptions.Takes {
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

    @Option(names = "--checkpoint-every", paramLabel = "N",
            description = "Save a checkpoint into RUN_DIR/checkpoint/ every N epochs, so that a run that is killed "
                    + "can be continued with --resume (default: off). The finished run replaces it.")
    Integer checkpointEvery;

    @Option(names = "--resume", paramLabel = "RUN_DIR",
            description = "Continue the unfinished run in RUN_DIR from its last checkpoint, with the settings it was "
                    + "started with; the result is the same as an uninterrupted run.")
    Path resume;

    @Mixin
    DataOption data;

    @Mixin
    OutputOptions output;

    @Mixin
    DeviceOption device;

    @Override
    public List<Setting<?>> settings() {
        return SettingOptions.trainingWithMissing();
    }

    @Override
    public Integer call() {
        device.apply();
        int every = checkpointEvery == null ? 0 : checkpointEvery;
        RunSettings.require(every >= 0, "--checkpoint-every must be >= 0 (0 = no checkpoints), got " + every);
        if (resume != null) {
            return resume(every);
        }
        Methods.requireKnown(method);
        SettingValues values = SettingOptions.read(spec, settings());
        MissingPlan missing = RunSettings.missing(values);
        RunConfig config = new RunConfig(data.dataOrDefault().toString(), method, seed, RunSettings.shared(values),
                missing.at(missing.rates().get(0), seed));
        MultimodalDataset dataset = DatasetLoader.load(data.dataOrDefault());
        ConditionModality.validate(dataset.modalities(), values.get(CommonSettings.CONDITION_MODALITY));
        Path target = out != null ? out : defaultRunDir(dataset.name(), method, seed);
        if (Files.exists(target) && !force) {
            throw new InvalidInputException(target + ": already exists; choose another --out or pass --force to replace it");
        }
        Map<String, Object> provenance = Provenance.collect(commandLine());
        RunCheckpointer checkpointer = new RunCheckpointer(target, every,
                new CheckpointFiles.Header(config, provenance, dataset.name(), dataset.checksum()), force);
        RunOutcome outcome = train(config, dataset, null, checkpointer, method + " seed " + seed);
        RunDirectory.write(target, outcome, provenance, force || checkpointer.savedAny());
        report(outcome, target);
        return 0;
    }

    /** --resume: every setting comes from the checkpoint; only how often to save may change. */
    private Integer resume(int every) {
        for (var option : spec.commandLine().getParseResult().matchedOptions()) {
            String name = option.longestName();
            if (!java.util.List.of("--resume", "--checkpoint-every", "--quiet", "--json", "--debug", "--device").contains(name)) {
                throw new InvalidInputException(name + " cannot be combined with --resume: a resumed run keeps the "
                        + "settings it was started with (see " + resume.resolve(CheckpointFiles.DIRECTORY)
                        .resolve(CheckpointFiles.DESCRIPTION) + ")");
            }
        }
        CheckpointFiles.Saved saved = CheckpointFiles.load(resume);
        RunConfig config = saved.header().config();
        MultimodalDataset dataset = DatasetLoader.load(Path.of(config.data()));
        if (!dataset.checksum().equals(saved.header().datasetChecksum())) {
            throw new InvalidInputException(config.data() + ": the dataset changed since the run started (SHA-256 "
                    + dataset.checksum() + ", the checkpoint recorded " + saved.header().datasetChecksum()
                    + "); resuming would mix two datasets");
        }
        int interval = checkpointEvery != null ? every : saved.checkpointEvery();
        Map<String, Object> provenance = new java.util.LinkedHashMap<>(saved.header().provenance());
        provenance.put("resumed", resumes(provenance.get("resumed"), saved.state()));
        RunCheckpointer checkpointer = new RunCheckpointer(resume, interval,
                new CheckpointFiles.Header(config, provenance, dataset.name(), dataset.checksum()), false);
        output.note(spec.commandLine().getErr(), "resuming " + resume + " after epoch " + saved.state().epochsDone()
                + " of " + config.epochs());
        RunOutcome outcome;
        try {
            outcome = train(config, dataset, saved.state(), checkpointer,
                    config.method() + " seed " + config.seed());
        } catch (Trainer.IncompatibleStateException e) {
            throw InvalidInputException.inFile(saved.file(), "does not fit the model its settings describe ("
                    + e.getMessage() + ")");
        }
        RunDirectory.write(resume, outcome, provenance, true);
        report(outcome, resume);
        return 0;
    }

    /** The provenance entry of a resumed run: one record per resume, oldest first. */
    private java.util.List<Object> resumes(Object earlier, TrainingState state) {
        java.util.List<Object> list = new java.util.ArrayList<>();
        if (earlier instanceof java.util.List<?> l) {
            list.addAll(l);
        }
        Map<String, Object> entry = new java.util.LinkedHashMap<>();
        entry.put("command", commandLine());
        entry.put("after_epoch", state.epochsDone());
        entry.put("time", java.time.Instant.now().toString());
        list.add(entry);
        return list;
    }

    private RunOutcome train(RunConfig config, MultimodalDataset dataset, TrainingState state,
                             RunCheckpointer checkpointer, String label) {
        try (ProgressReporter progress = new ProgressReporter(label, config.epochs(), output.quiet || output.json,
                spec.commandLine().getErr())) {
            return TrainingRun.execute(config, dataset, progress, state, checkpointer);
        }
    }

    private void report(RunOutcome outcome, Path target) {
        output.print(spec.commandLine().getOut(), MetricsTable.render(outcome), Json.write(RunDirectory.metrics(outcome)));
        output.note(spec.commandLine().getErr(), "run written to " + target);
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
