package org.mla4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.execution.ClusterExecutors;
import org.mla4j.experiment.Experiment;
import org.mla4j.experiment.ExperimentGrid;
import org.mla4j.experiment.ExperimentResults;
import org.mla4j.experiment.ExperimentRunner;
import org.mla4j.experiment.RunExecutor;
import org.mla4j.experiment.RunGrid;

/**
 * What every grid command ({@code run}, {@code compare}, {@code missing}, {@code isolation}) does
 * around the one sweep engine: refuse a results folder holding runs made with other settings before
 * anything trains, say how many runs there are and how many are done, hand the runs to train to the
 * executor {@link ExecutionOptions} chose (this JVM, child JVMs, Spark), show progress, and turn
 * failed runs into one error line and exit code 1.
 */
final class GridCommand {
    private GridCommand() {
    }

    static ExperimentResults run(Experiment experiment, MultimodalDataset dataset, Path target, String task,
                                 List<String> commandLine, OutputOptions output, ExecutionOptions execution,
                                 PrintWriter err) {
        ClusterExecutors.Cluster cluster = execution.onCluster() ? execution.cluster(Logging.level()) : null;
        if (cluster != null) {
            cluster.fetch(target); // the runs the store already has are reused, and checked, like local ones
        }
        List<RunGrid.Entry> entries = ExperimentGrid.expand(experiment, target).stream()
                .map(ExperimentGrid.PlannedRun::entry).toList();
        RunGrid.requireReusable(entries, dataset);
        int done = (int) entries.stream().filter(RunGrid::isDone).count();
        List<RunGrid.Entry> toTrain = RunGrid.trainList(entries, dataset);
        int todo = toTrain.size();
        int copies = entries.size() - done - todo;
        RunExecutor executor = cluster != null ? cluster : execution.executor(todo, Logging.level());
        output.note(err, String.format(Locale.ROOT,
                "%s: %d runs (%d rows × %d missing rate%s × %d seeds) on %s, %d to train, %d already done%s, into %s%s",
                experiment.name(), entries.size(), experiment.rows().size(), experiment.rates().size(),
                experiment.rates().size() == 1 ? "" : "s", experiment.seeds().size(), dataset.name(), todo,
                done, copies == 0 ? "" : ", " + copies + " copied from a run with the same settings and mask", target,
                todo == 0 ? "" : "; training " + execution.describe(executor)));
        ExperimentResults results;
        try (GridProgress progress = new GridProgress(task, toTrain, output.quiet || output.json,
                err)) {
            results = ExperimentRunner.run(experiment, dataset, target, SweepOutput.regenerating(commandLine),
                    commandLine, progress, executor);
        }
        if (cluster != null) {
            cluster.publish(target);
        }
        return results;
    }

    /** 0, or 1 after one line naming the failed runs. */
    static int exitCode(ExperimentResults results, PrintWriter err) {
        List<String> failures = results.failures();
        if (failures.isEmpty()) {
            return 0;
        }
        err.println("error: " + failures.size() + " run(s) failed: " + String.join("; ", failures));
        return CliErrors.FAILURE;
    }
}
