package org.mla4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.data.load.DatasetLoader;
import org.mla4j.experiment.RunGrid;
import org.mla4j.experiment.RunSummary;
import org.mla4j.experiment.SweepTable;
import org.mla4j.method.shared.ConditionModality;
import org.mla4j.run.MissingSpec;
import org.mla4j.run.RunConfig;
import org.mla4j.run.RunDirectory;
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
final class IsolationCommand implements Callable<Integer> {
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
    TrainingOptions training;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        List<String> methodList = CompareCommand.parseMethods(methods);
        List<Double> ratioList = SweepOutput.parseFractions(ratios, "--ratios", true);
        TrainingOptions.require(seeds >= 1, "--seeds must be at least 1, got " + seeds);
        MultimodalDataset dataset = DatasetLoader.load(training.dataOrDefault());
        dataset.modalityIndex(modality); // unknown names are refused with the valid list
        ConditionModality.validate(dataset.modalities(), training.conditionModality);
        Path target = out != null ? out : Path.of("runs", dataset.name(), "isolation-" + modality);
        List<RunGrid.Entry> entries = new ArrayList<>();
        for (String method : methodList) {
            for (double ratio : ratioList) {
                for (long seed = 0; seed < seeds; seed++) {
                    MissingSpec mask = ratio == 0 ? MissingSpec.NONE : new MissingSpec(ratio, seed, modality, true);
                    RunConfig config = training.resolve(method, seed).withMissing(mask);
                    entries.add(new RunGrid.Entry(config, target.resolve("runs")
                            .resolve(String.format(Locale.ROOT, "%s-mask%s-seed%d", method, ratio, seed))));
                }
            }
        }
        List<String> commandLine = SweepOutput.commandLine(spec);
        RunGrid.Result result = SweepOutput.run(entries, dataset, commandLine, training.epochs, output,
                spec.commandLine().getErr());
        List<String> series = new ArrayList<>();
        List<SweepTable.Point> points = new ArrayList<>();
        for (String method : methodList) {
            for (String m : dataset.modalityNames()) {
                series.add(method + " · " + m);
            }
        }
        for (RunGrid.Entry e : entries) {
            if (!RunGrid.isDone(e)) {
                continue;
            }
            RunSummary s = RunSummary.read(e.directory().resolve(RunDirectory.METRICS));
            s.modalityAccuracy().forEach((m, acc) ->
                    points.add(new SweepTable.Point(e.config().method() + " · " + m, e.config().missing().rate(), acc)));
        }
        SweepTable table = SweepTable.of("ratio", series, points);
        String md = SweepOutput.write(target, "isolation", table,
                "Each modality's own test accuracy (%) on " + dataset.name() + " when " + modality
                        + " is masked in a share (ratio) of the training samples; the test split is complete; "
                        + SweepOutput.overSeeds(seeds) + ".",
                "Unimodal accuracy with " + modality + " masked in training", "share of training samples without "
                        + modality, String.join(" ", commandLine), result.failures(),
                Map.of("dataset", dataset.name(), "dataset_sha256", dataset.checksum(), "masked_modality", modality,
                        "seeds", seeds));
        output.print(spec.commandLine().getOut(), md, org.mla4j.io.Json.write(table.json()));
        output.note(spec.commandLine().getErr(), "written to " + target);
        return result.failures().isEmpty() ? 0 : CliErrors.FAILURE;
    }
}
