package org.mla4j.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.io.AtomicFiles;
import org.mla4j.run.Provenance;
import org.mla4j.train.EpochListener;

/**
 * The one sweep engine: runs an experiment's grid into its results directory — one run directory
 * per grid point, reused when already finished — and keeps {@code results.json}, the tables and
 * {@code spec.resolved.yaml} up to date after every run, so an interrupted experiment can be reported
 * on and continued. Every command that trains more than one run goes through here.
 */
public final class ExperimentRunner {
    private ExperimentRunner() {
    }

    /**
     * @param command     the command that regenerates the results (printed beside every table)
     * @param commandLine the command line as given (recorded in each run's provenance)
     */
    public static ExperimentResults run(Experiment experiment, MultimodalDataset dataset, Path target, String command,
                                        List<String> commandLine, RunGrid.Listener listener) {
        return run(experiment, dataset, target, command, commandLine, listener, RunExecutor.IN_PROCESS);
    }

    /**
     * The same, with the runs still to do trained by {@code executor} (child JVMs, a cluster); the
     * results files are written here, by this JVM, exactly as for runs trained in it.
     */
    public static ExperimentResults run(Experiment experiment, MultimodalDataset dataset, Path target, String command,
                                        List<String> commandLine, RunGrid.Listener listener, RunExecutor executor) {
        List<ExperimentGrid.PlannedRun> plan = ExperimentGrid.expand(experiment, target);
        Map<String, Object> provenance = Provenance.collect(commandLine);
        Map<Path, String> failures = new LinkedHashMap<>();
        RunGrid.run(plan.stream().map(ExperimentGrid.PlannedRun::entry).toList(), dataset,
                () -> Provenance.collect(commandLine), new RunGrid.Listener() {
                    @Override
                    public void skipped(RunGrid.Entry entry, int index, int total) {
                        listener.skipped(entry, index, total);
                    }

                    @Override
                    public EpochListener started(RunGrid.Entry entry, int index, int total) {
                        return listener.started(entry, index, total);
                    }

                    @Override
                    public void finished(RunGrid.Entry entry, int index, int total, RunSummary summary, double seconds) {
                        listener.finished(entry, index, total, summary, seconds);
                        write(experiment, plan, dataset, target, command, provenance, failures); // tables so far
                    }

                    @Override
                    public void failed(RunGrid.Entry entry, int index, int total, String reason) {
                        failures.put(entry.directory(), reason);
                        listener.failed(entry, index, total, reason);
                    }

                    @Override
                    public void shared(RunGrid.Entry entry, int index, int total, RunGrid.Entry source) {
                        listener.shared(entry, index, total, source);
                    }
                }, executor);
        ExperimentResults results = write(experiment, plan, dataset, target, command, provenance, failures);
        Analyses.complete(results, null, dataset);
        return results;
    }

    private static ExperimentResults write(Experiment experiment, List<ExperimentGrid.PlannedRun> plan,
                                           MultimodalDataset dataset, Path target, String command,
                                           Map<String, Object> provenance, Map<Path, String> failures) {
        ExperimentResults results = ExperimentResults.collect(experiment, plan, dataset, target, command, provenance,
                failures);
        try {
            AtomicFiles.writeString(target.resolve(ExperimentResults.SPEC_COPY), "# " + experiment.name()
                    + ": the spec as resolved by '" + command + "' (every default filled in; data relative to this "
                    + "folder;\n# options left out take each method's default). Running this file repeats the experiment.\n"
                    + SpecReader.WRITER.writeValueAsString(experiment.resolvedSpec(target)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        results.write();
        return results;
    }
}
