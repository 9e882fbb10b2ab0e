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

/** {@code mla missing}: fused test accuracy against the missing rate (the paper's Table 2 on your data). */
@Command(name = "missing", header = "Fused accuracy against the missing-modality rate (table + plot).", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train each method × missing rate × seed with every (sample, modality) pair dropped with",
                "probability η in train, validation and test (at least one modality kept per sample), and tabulate the",
                "fused test accuracy (mean ± sample std over seeds) in OUT/missing.md/.csv/.json with a plot",
                "OUT/missing.png. Resumable: finished runs under OUT/runs are reused."})
final class MissingCommand implements Callable<Integer> {
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
    TrainingOptions training;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        List<String> methodList = CompareCommand.parseMethods(methods);
        List<Double> rateList = SweepOutput.parseFractions(rates, "--rates", false);
        TrainingOptions.require(seeds >= 1, "--seeds must be at least 1, got " + seeds);
        MultimodalDataset dataset = DatasetLoader.load(training.dataOrDefault());
        ConditionModality.validate(dataset.modalities(), training.conditionModality);
        Path target = out != null ? out : Path.of("runs", dataset.name(), "missing");
        List<RunGrid.Entry> entries = new ArrayList<>();
        for (String method : methodList) {
            for (double rate : rateList) {
                for (long seed = 0; seed < seeds; seed++) {
                    RunConfig config = training.resolve(method, seed).withMissing(MissingSpec.everywhere(rate, seed));
                    entries.add(new RunGrid.Entry(config, target.resolve("runs")
                            .resolve(String.format(Locale.ROOT, "%s-missing%s-seed%d", method, rate, seed))));
                }
            }
        }
        List<String> commandLine = SweepOutput.commandLine(spec);
        RunGrid.Result result = SweepOutput.run(entries, dataset, commandLine, training.epochs, output,
                spec.commandLine().getErr());
        List<SweepTable.Point> points = new ArrayList<>();
        for (RunGrid.Entry e : entries) {
            if (RunGrid.isDone(e)) {
                RunSummary s = RunSummary.read(e.directory().resolve(RunDirectory.METRICS));
                points.add(new SweepTable.Point(e.config().method(), e.config().missing().rate(), s.fusedAccuracy()));
            }
        }
        SweepTable table = SweepTable.of("η", methodList, points);
        String md = SweepOutput.write(target, "missing", table,
                "Fused test accuracy (%) on " + dataset.name() + " against the missing rate η (train, validation and "
                        + "test), " + SweepOutput.overSeeds(seeds) + "; model chosen by validation.",
                "Fused accuracy vs missing rate on " + dataset.name(), "missing rate η", String.join(" ", commandLine),
                result.failures(), Map.of("dataset", dataset.name(), "dataset_sha256", dataset.checksum(), "seeds", seeds));
        output.print(spec.commandLine().getOut(), md, org.mla4j.io.Json.write(table.json()));
        output.note(spec.commandLine().getErr(), "written to " + target);
        return result.failures().isEmpty() ? 0 : CliErrors.FAILURE;
    }
}
