package org.mla4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.data.load.DatasetLoader;
import org.mla4j.experiment.AnalysisFiles;
import org.mla4j.experiment.AnalysisPlan;
import org.mla4j.experiment.AnalysisSettings;
import org.mla4j.experiment.Experiment;
import org.mla4j.experiment.ExperimentResults;
import org.mla4j.io.ClosestName;
import org.mla4j.io.InvalidInputException;
import org.mla4j.settings.Setting;
import org.mla4j.settings.SettingValues;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mla robustness}: the experiment a spec with {@code analysis: robustness} describes, in one
 * line — every method × seed trained (or reused) through the experiment engine, then each trained
 * model evaluated with one modality corrupted at a time (QMF's protocol) — and, with
 * {@code --analyses}, the convergence, cost and data-size analyses too. OUT is a results directory
 * that {@code mla report} reads; the tables are in OUT/analyses.md and OUT/analyses.json.
 */
@Command(name = "robustness", header = "Accuracy of trained models with one modality corrupted at test time.",
        mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train every method × seed (finished runs in OUT/runs are reused), then evaluate each trained "
                + "model, without retraining, with one modality corrupted at a time: Gaussian noise of growing std "
                + "(in units of the standardised features) or a share of its entries set to the training mean "
                + "(QMF's evaluation protocol, Zhang et al., ICML 2023). Tables of the fused accuracy, the corrupted "
                + "modality's own accuracy and MLA's fusion weights go to OUT/analyses.md and .json; 'mla report "
                + "OUT' draws them.",
                "--analyses adds convergence (validation accuracy against epochs and time), cost (time, parameters, "
                + "memory) and data_size (runs on shares of the training split)."})
final class RobustnessCommand implements Callable<Integer>, SettingOptions.Takes {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--methods", defaultValue = "all", paramLabel = "all|M[,M...]",
            description = "Methods: all, or a comma-separated list of ${COMPLETION-CANDIDATES} (default: "
                    + "${DEFAULT-VALUE}).", completionCandidates = TrainCommand.MethodNames.class)
    String methods;

    @Option(names = "--seeds", defaultValue = "3", description = "Number of seeds; seeds 0..N-1 are used (default: "
            + "${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--analyses", defaultValue = AnalysisPlan.ROBUSTNESS, paramLabel = "A[,A...]",
            description = "Analyses: robustness, convergence, cost, data_size, or all (default: ${DEFAULT-VALUE}).")
    String analyses;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder. Default: runs/<dataset>/robustness.")
    Path out;

    @Mixin
    DataOption data;

    @Mixin
    OutputOptions output;

    @Mixin
    ExecutionOptions execution;

    @Override
    public List<Setting<?>> settings() {
        List<Setting<?>> all = SettingOptions.trainingWithMissing();
        all.addAll(AnalysisSettings.ROBUSTNESS);
        all.addAll(AnalysisSettings.CONVERGENCE);
        all.addAll(AnalysisSettings.COST);
        all.addAll(AnalysisSettings.DATA_SIZE);
        return all;
    }

    @Override
    public Integer call() throws IOException {
        List<String> methodList = CompareCommand.parseMethods(methods);
        RunSettings.require(seeds >= 1, "--seeds must be at least 1, got " + seeds);
        SettingValues values = SettingOptions.read(spec, settings());
        AnalysisPlan plan = AnalysisPlan.of(analysisNames(analyses), values);
        if (plan.dataSize() != null) {
            for (String m : plan.dataSize().methods()) {
                RunSettings.require(methodList.contains(m), "--data-size-methods names '" + m + "', which is not among "
                        + "the methods (" + String.join(", ", methodList) + ")");
            }
        }
        MultimodalDataset dataset = DatasetLoader.load(data.dataOrDefault());
        Path target = out != null ? out : Path.of("runs", dataset.name(), "robustness");
        Experiment experiment = Experiment.ofCommand(dataset.name() + "-robustness",
                "Trained models evaluated with one modality corrupted at test time, with mla robustness.",
                data.dataOrDefault(), methodList, CompareCommand.seedList(seeds), RunSettings.shared(values),
                RunSettings.missing(values), plan, key -> SettingOptions.optionFor(key, settings()));
        experiment.checkAgainst(dataset);
        List<String> commandLine = SweepOutput.commandLine(spec);
        ExperimentResults results = GridCommand.run(experiment, dataset, target, "robustness", commandLine, output,
                execution, spec.commandLine().getErr());
        output.print(spec.commandLine().getOut(), Files.readString(target.resolve(AnalysisFiles.MARKDOWN)),
                Files.readString(target.resolve(AnalysisFiles.JSON)));
        output.note(spec.commandLine().getErr(), "analyses written to " + target.resolve(AnalysisFiles.MARKDOWN)
                + " (report: mla report " + target + ")");
        return GridCommand.exitCode(results, spec.commandLine().getErr());
    }

    /** The analyses named by {@code --analyses}: a comma-separated list, or all. */
    static Set<String> analysisNames(String value) {
        Set<String> names = new LinkedHashSet<>();
        for (String part : value.split(",")) {
            String name = part.trim().toLowerCase(java.util.Locale.ROOT).replace('-', '_');
            if (name.isEmpty()) {
                continue;
            }
            if (name.equals("all")) {
                names.addAll(AnalysisPlan.NAMES);
            } else if (!AnalysisPlan.NAMES.contains(name)) {
                throw new InvalidInputException("--analyses names unknown analysis '" + part.trim() + "'"
                        + ClosestName.suggestion(name, AnalysisPlan.NAMES) + "; valid: all, "
                        + String.join(", ", AnalysisPlan.NAMES));
            } else {
                names.add(name);
            }
        }
        RunSettings.require(!names.isEmpty(), "--analyses names no analysis; valid: all, "
                + String.join(", ", AnalysisPlan.NAMES));
        return names;
    }
}
