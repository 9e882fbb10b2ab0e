package org.mla4j.experiment;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.mla4j.data.MultimodalDataset;

/**
 * How the runs a grid still has to train get trained: one after another in this JVM
 * ({@link #IN_PROCESS}), or elsewhere (child JVMs, a cluster). Whatever the executor, each run is
 * trained from its {@link RunGrid.Entry#config()} alone and written to its
 * {@link RunGrid.Entry#directory()} with {@code RunDirectory} (atomically), so the same settings give
 * the same bits wherever they are trained; the executor is an execution setting and changes neither
 * config.json's settings nor run-directory names.
 *
 * <p>Contract: {@link #train} calls {@code listener} only from the calling thread (so a listener,
 * and whatever it writes after each run, needs no locking), calls {@code started} before a run's
 * epochs and then exactly one of {@code finished} (its directory now holds {@code metrics.json}) or
 * {@code failed} for every job, and returns when every job has ended.
 */
public interface RunExecutor {
    /** A run to train and its place in the grid ({@code index} counts from 1 over all entries). */
    record Job(RunGrid.Entry entry, int index, int total) {
    }

    /** One run after the other in this JVM: the engine's one-training-at-a-time rule holds trivially. */
    RunExecutor IN_PROCESS = new InProcessExecutor();

    /**
     * Trains every job (none of them done yet) on {@code dataset}.
     *
     * @param provenance gives what goes into each new run's config.json as provenance (asked once per run)
     */
    void train(List<Job> jobs, MultimodalDataset dataset, Supplier<Map<String, Object>> provenance,
               RunGrid.Listener listener);
}
