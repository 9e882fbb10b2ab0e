package org.mla4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.data.load.DatasetLoader;
import org.mla4j.experiment.Experiment;
import org.mla4j.experiment.ExperimentGrid;
import org.mla4j.experiment.ExperimentResults;
import org.mla4j.experiment.RunGrid;
import org.mla4j.io.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mla run SPEC}: runs an experiment spec (YAML) into one results directory. Resumable:
 * finished runs are reused, and the tables are rewritten after every run, so an interrupted
 * experiment can be reported on and continued by running the same command again.
 */
@Command(name = "run", header = "Run an experiment spec (YAML) into one resumable results directory.",
        mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run an experiment spec (YAML: dataset, encoders, training settings, methods, seeds, missing "
                + "rates, ablation variants) into one results directory: runs/<run>/ for each method × variant × "
                + "missing rate × seed, tables.md, accuracy.csv, results.json (machine-readable) and "
                + "spec.resolved.yaml.",
                "Runs already finished in the directory are reused; re-running the command trains only what is "
                + "missing. Then 'mla report DIR' writes report.html and report.md. Spec format: docs/experiments.md."})
final class RunCommand implements Callable<Integer> {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RunCommand.class);

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SPEC", description = "Experiment spec, e.g. experiments/av_mnist_fsdd/table1.yaml.")
    Path specFile;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override a spec setting (repeatable): e.g. --set train.epochs=30 --set seeds=1 "
                    + "--set methods=mla,concat --set missing.rates=0.1,0.5 --set variants.0.options.hgm=off.")
    List<String> sets = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", description = "Results directory. Default: results/<spec name>.")
    Path out;

    @Option(names = "--report", description = "Also write the report (as 'mla report DIR') when the runs are done.")
    boolean report;

    @Option(names = "--dry-run", description = "Validate the spec and list the runs (done or to train) without training.")
    boolean dryRun;

    @Mixin
    OutputOptions output;

    @Mixin
    ExecutionOptions execution;

    @Override
    public Integer call() {
        Experiment experiment = Experiment.load(specFile, sets);
        Path target = out != null ? out : Path.of("results", experiment.name());
        List<ExperimentGrid.PlannedRun> plan = ExperimentGrid.expand(experiment, target);
        MultimodalDataset dataset = DatasetLoader.load(experiment.data());
        experiment.checkAgainst(dataset);
        List<RunGrid.Entry> entries = plan.stream().map(ExperimentGrid.PlannedRun::entry).toList();
        if (LOG.isDebugEnabled()) {
            LOG.debug("{}: data {} (SHA-256 {}), overrides {}", experiment.name(), experiment.data(),
                    dataset.checksum(), experiment.overrides().stream().map(o -> o.describe()).toList());
            for (RunGrid.Entry e : entries) {
                LOG.debug("{} → {} ({}): {}", e.label(), e.directory(), RunGrid.isDone(e) ? "done" : "to train",
                        Json.write(e.config().json()).replaceAll("\\s+", " ").trim());
            }
        }
        if (dryRun) {
            return dryRun(experiment, plan, target, RunGrid.sharedSources(entries, dataset));
        }
        ExperimentResults results = GridCommand.run(experiment, dataset, target, "run", SweepOutput.commandLine(spec),
                output, execution, spec.commandLine().getErr());
        if (report) {
            ReportCommand.write(target, null, "mla report " + target, output, spec.commandLine().getErr());
        }
        output.print(spec.commandLine().getOut(), results.tablesMarkdown(), Json.write(results.json()));
        output.note(spec.commandLine().getErr(), "results written to " + target
                + (report ? " (report: " + target.resolve(ReportCommand.HTML) + ")" : "; report: mla report " + target));
        return GridCommand.exitCode(results, spec.commandLine().getErr());
    }

    /** @param sources per run, the earlier run whose training it shares (a copy, not trained), or −1 */
    private int dryRun(Experiment experiment, List<ExperimentGrid.PlannedRun> plan, Path target, int[] sources) {
        int done = 0;
        int copies = 0;
        for (int i = 0; i < plan.size(); i++) {
            if (RunGrid.isDone(plan.get(i).entry())) {
                done++;
            } else if (sources[i] >= 0) {
                copies++;
            }
        }
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%s: %d runs into %s (%d to train, %d done%s)%n",
                experiment.name(), plan.size(), target, plan.size() - done - copies, done,
                copies == 0 ? "" : ", " + copies + " to copy from a run with the same settings and mask"));
        List<Map<String, Object>> runs = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            ExperimentGrid.PlannedRun p = plan.get(i);
            boolean isDone = RunGrid.isDone(p.entry());
            Path source = sources[i] >= 0 ? plan.get(sources[i]).entry().directory() : null;
            text.append(String.format(Locale.ROOT, "  %-5s %s%s%n", isDone ? "done" : source != null ? "copy" : "train",
                    target.relativize(p.entry().directory()),
                    !isDone && source != null ? " (same settings and mask as " + target.relativize(source) + ")" : ""));
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("directory", p.entry().directory().toString());
            r.put("row", p.row());
            r.put("method", p.method());
            r.put("variant", p.variant().implicit() ? null : p.variant().name());
            r.put("missing_rate", p.rate());
            r.put("seed", p.seed());
            r.put("done", isDone);
            r.put("same_training_as", source == null ? null : source.toString());
            runs.add(r);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("experiment", experiment.name());
        json.put("out", target.toString());
        json.put("runs", runs);
        output.print(spec.commandLine().getOut(), text.toString(), Json.write(json));
        return 0;
    }
}
