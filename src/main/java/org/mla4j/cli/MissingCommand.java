package org.mla4j.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.data.load.DatasetLoader;
import org.mla4j.experiment.Experiment;
import org.mla4j.experiment.ExperimentResults;
import org.mla4j.experiment.MissingPlan;
import org.mla4j.experiment.SweepTable;
import org.mla4j.run.MissingSettings;
import org.mla4j.settings.Setting;
import org.mla4j.settings.SettingValues;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mla missing}: fused test accuracy against the missing rate (the paper's Table 2 on your data). */
@Command(name = "missing", header = "Fused accuracy against the missing-modality rate (table + plot).", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train each method × missing rate × seed with every (sample, modality) pair dropped with",
                "probability η in train, validation and test (at least one modality kept per sample), and tabulate the",
                "fused test accuracy (mean ± sample std over seeds) in OUT/missing.md/.csv/.json with a plot",
                "OUT/missing.png. Resumable: finished runs under OUT/runs are reused."})
final class MissingCommand implements Callable<Integer>, SettingOptions.Takes {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--rates", defaultValue = "0.1,0.2,0.3,0.4,0.5,0.6,0.7", paramLabel = "ETA[,ETA...]",
            description = "Missing rates, each in (0, 1) (default: ${DEFAULT-VALUE}).")
    String rates;

    @Option(names = "--methods", defaultValue = "mla,late,qmf,concat", paramLabel = "all|M[,M...]",
            description = "Methods (default: ${DEFAULT-VALUE}).")
    String methods;

    @Option(names = "--seeds", defaultValue = "3", description = "Seeds 0..N-1; each seed also draws its own mask (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder. Default: runs/<dataset>/missing.")
    Path out;

    @Mixin
    DataOption data;

    @Mixin
    OutputOptions output;

    @Mixin
    ExecutionOptions execution;

    @Override
    public List<Setting<?>> settings() {
        List<Setting<?>> all = new java.util.ArrayList<>(SettingOptions.training());
        all.add(MissingSettings.PROTOCOL);
        return all;
    }

    @Override
    public Integer call() {
        List<String> methodList = CompareCommand.parseMethods(methods);
        List<Double> rateList = SweepOutput.parseFractions(rates, "--rates", false);
        RunSettings.require(seeds >= 1, "--seeds must be at least 1, got " + seeds);
        SettingValues values = SettingOptions.read(spec, settings());
        MultimodalDataset dataset = DatasetLoader.load(data.dataOrDefault());
        Path target = out != null ? out : Path.of("runs", dataset.name(), "missing");
        Experiment experiment = Experiment.ofCommand(dataset.name() + "-missing",
                "Fused accuracy against the missing rate, with mla missing.", data.dataOrDefault(), methodList,
                CompareCommand.seedList(seeds), RunSettings.shared(values),
                new MissingPlan(rateList, null, null, false, values.get(MissingSettings.PROTOCOL)),
                key -> SettingOptions.optionFor(key, settings()));
        experiment.checkAgainst(dataset);
        List<String> commandLine = SweepOutput.commandLine(spec);
        ExperimentResults results = GridCommand.run(experiment, dataset, target, "missing", commandLine, output,
                execution, spec.commandLine().getErr());
        SweepTable table = results.sweepTable();
        String md = SweepOutput.write(target, "missing", table,
                "Fused test accuracy (%) on " + dataset.name() + " against the missing rate η (train, validation and "
                        + "test), " + SweepOutput.overSeeds(seeds) + "; model chosen by validation.",
                "Fused accuracy vs missing rate on " + dataset.name(), "missing rate η", SweepOutput.regenerating(commandLine),
                results.failures(), Map.of("dataset", dataset.name(), "dataset_sha256", dataset.checksum(), "seeds", seeds));
        output.print(spec.commandLine().getOut(), md, org.mla4j.io.Json.write(table.json()));
        output.note(spec.commandLine().getErr(), "written to " + target + " (report: mla report " + target + ")");
        return GridCommand.exitCode(results, spec.commandLine().getErr());
    }
}
