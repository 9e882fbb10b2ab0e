package org.mla4j.experiment;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.run.RunDirectory;
import org.mla4j.run.RunOutcome;
import org.mla4j.run.TrainingRun;
import org.mla4j.train.Trainer;

/**
 * Trains a grid's runs one after the other in this JVM, with the engine settings of this JVM. A run
 * that diverges is reported and the grid goes on; any other error ends the grid (it would end every
 * other run the same way: bad data, a full disk).
 */
final class InProcessExecutor implements RunExecutor {
    @Override
    public void train(List<Job> jobs, MultimodalDataset dataset, Supplier<Map<String, Object>> provenance,
                      RunGrid.Listener listener) {
        for (Job job : jobs) {
            RunGrid.Entry entry = job.entry();
            long start = System.nanoTime();
            RunOutcome outcome;
            try {
                outcome = TrainingRun.execute(entry.config(), dataset,
                        listener.started(entry, job.index(), job.total()));
            } catch (Trainer.DivergedException e) {
                listener.failed(entry, job.index(), job.total(), e.getMessage());
                continue;
            }
            RunDirectory.write(entry.directory(), outcome, provenance.get(), false);
            RunSummary summary = RunSummary.read(entry.directory().resolve(RunDirectory.METRICS));
            listener.finished(entry, job.index(), job.total(), summary, (System.nanoTime() - start) / 1e9);
        }
    }
}
