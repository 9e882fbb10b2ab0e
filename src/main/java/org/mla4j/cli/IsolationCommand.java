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
import org.mla4j.settings.Setting;
import org.mla4j.settings.SettingValues;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mla isolation}: mask one modality in the training split only, at increasing ratios, and
 * report every modality's own test accuracy (the paper's Figure 2): with MLA the other modalities
 * should not suffer.
 */
@Command(name = "isolation", header = "Mask one modality in training; each modality's accuracy (table + plot).", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Drop one modality from a growing share of the training samples (the test split stays complete)",
                "and report each modality's own test accuracy per method: OUT/isolation.md/.csv/.json and OUT/isolation.png.",
                "With MLA the other modalities should be unaffected; joint training lets them degrade or lets the masked",
                "one collapse. Resumable: finished runs under OUT/runs are reused."})
final class IsolationCommand implements Callable<Integer>, SettingOptions.Takes {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--modality", required = true, paramLabel = "NAME", description = "The modality to mask.")
    String modality;

    @Option(names = "--ratios", defaultValue = "0,0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8,0.9", paramLabel = "R[,R...]",
            description = "Masking ratios in [0, 1) (default: ${DEFAULT-VALUE}).")
    String ratios;

    @Option(names = "--methods", defaultValue = "mla,concat", paramLabel = "all|M[,M...]",
            description = "Methods (default: ${DEFAULT-VALUE}).")
    String methods;

    @Option(names = "--seeds", defaultValue = "1", description = "Seeds 0..N-1 (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder. Default: runs/<dataset>/isolation-<modality>.")
    Path out;

    @Mixin
    DataOption data;

    @Mixin
    OutputOptions output;

    @Mixin
    ExecutionOptions execution;

    @Override
    public List<Setting<?>> settings() {
        return SettingOptions.training();
    }

    @Override
    public Integer call() {
        List<String> methodList = CompareCommand.parseMethods(methods);
        List<Double> ratioList = SweepOutput.parseFractions(ratios, "--ratios", true);
        RunSettings.require(seeds >= 1, "--seeds must be at least 1, got " + seeds);
        SettingValues values = SettingOptions.read(spec, settings());
        MultimodalDataset dataset = DatasetLoader.load(data.dataOrDefault());
        Path target = out != null ? out : Path.of("runs", dataset.name(), "isolation-" + modality);
        Experiment experiment = Experiment.ofCommand(dataset.name() + "-isolation-" + modality,
                "Each modality's own accuracy when " + modality + " is masked in training, with mla isolation.",
                data.dataOrDefault(), methodList, CompareCommand.seedList(seeds), values,
                new MissingPlan(ratioList, null, modality, true),
                key -> key.equals("missing.modality") ? "--modality" : SettingOptions.optionFor(key, settings()));
        experiment.checkAgainst(dataset);
        List<String> commandLine = SweepOutput.commandLine(spec);
        ExperimentResults results = GridCommand.run(experiment, dataset, target, "isolation", commandLine, output,
                execution, spec.commandLine().getErr());
        SweepTable table = results.modalitySweep("ratio");
        String md = SweepOutput.write(target, "isolation", table,
                "Each modality's own test accuracy (%) on " + dataset.name() + " when " + modality
                        + " is masked in a share (ratio) of the training samples; the test split is complete; "
                        + SweepOutput.overSeeds(seeds) + ".",
                "Unimodal accuracy with " + modality + " masked in training", "share of training samples without "
                        + modality, SweepOutput.regenerating(commandLine), results.failures(),
                Map.of("dataset", dataset.name(), "dataset_sha256", dataset.checksum(), "masked_modality", modality,
                        "seeds", seeds));
        output.print(spec.commandLine().getOut(), md, org.mla4j.io.Json.write(table.json()));
        output.note(spec.commandLine().getErr(), "written to " + target + " (report: mla report " + target + ")");
        return GridCommand.exitCode(results, spec.commandLine().getErr());
    }
}
