package org.mla4j.execution;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Supplier;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.experiment.RunExecutor;
import org.mla4j.experiment.RunGrid;
import org.mla4j.experiment.RunSummary;
import org.mla4j.run.RunDirectory;
import org.mla4j.train.EpochListener;

/**
 * Trains a grid's runs in up to {@code jobs} child JVMs at once ({@link RunWorker}), each with one
 * engine thread: independent runs in parallel, each trained exactly as in-process (same settings,
 * same bits). The workers live for the whole grid (the JVM, the engine and the dataset are loaded
 * once per worker, not once per run); this JVM hands out the runs in grid order as workers become
 * free, and turns their reports into the listener's calls, on the calling thread. A worker that dies
 * (killed, out of memory) fails its run, not the grid; a new one takes over the remaining runs. If
 * this JVM ends (Ctrl-C), its workers are killed; a run that was not finished leaves no directory.
 */
public final class ProcessExecutor implements RunExecutor {
    private final int jobs;
    private final Map<String, String> properties;

    /**
     * @param jobs       how many runs train at once (at least 1)
     * @param properties system properties for each child JVM on top of this JVM's (log level, device)
     */
    public ProcessExecutor(int jobs, Map<String, String> properties) {
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be at least 1, got " + jobs);
        }
        this.jobs = jobs;
        this.properties = Map.copyOf(properties);
    }

    /** How many runs train at once. */
    public int jobs() {
        return jobs;
    }

    /** Runs on one worker: which job, its epoch listener, and when it was handed out. */
    private record Running(Job job, EpochListener epochs, long startNanos) {
    }

    @Override
    public void train(List<Job> todo, MultimodalDataset dataset, Supplier<Map<String, Object>> provenance,
                      RunGrid.Listener listener) {
        if (todo.isEmpty()) {
            return;
        }
        Deque<Job> pending = new ArrayDeque<>(todo);
        BlockingQueue<WorkerProcess.Event> events = new LinkedBlockingQueue<>();
        Map<WorkerProcess, Running> running = new LinkedHashMap<>();
        List<WorkerProcess> workers = new CopyOnWriteArrayList<>(); // the shutdown hook reads it too
        Set<WorkerProcess> spoke = new HashSet<>();
        int silentDeaths = 0;
        Thread killer = new Thread(() -> workers.forEach(WorkerProcess::kill), "mla4j-kill-workers");
        Runtime.getRuntime().addShutdownHook(killer);
        List<String> command = ChildJvm.command(properties);
        int nextId = 0;
        try {
            for (int i = 0; i < Math.min(jobs, todo.size()); i++) {
                WorkerProcess w = start(command, nextId++, events);
                workers.add(w);
                handOut(w, pending, running, provenance, listener);
            }
            while (!running.isEmpty()) {
                WorkerProcess.Event event = take(events);
                WorkerProcess w = event.worker();
                Running r = running.get(w);
                JsonNode message = event.message();
                if (message == null) { // the worker exited
                    workers.remove(w);
                    if (r != null) {
                        running.remove(w);
                        int code = w.exitCode();
                        if (!spoke.contains(w) && ++silentDeaths >= 2) {
                            pending.addFirst(r.job());
                            throw new IllegalStateException("worker JVMs end before training anything (exit code "
                                    + code + "; see the messages above); --jobs 1 trains in this JVM instead");
                        }
                        fail(r, listener, "the worker process (pid " + w.pid() + ") ended with exit code "
                                + code + " in the middle of the run; see the messages above");
                        if (!pending.isEmpty()) {
                            WorkerProcess replacement = start(command, nextId++, events);
                            workers.add(replacement);
                            handOut(replacement, pending, running, provenance, listener);
                        }
                    }
                    continue;
                }
                spoke.add(w);
                if (r == null) {
                    continue;
                }
                switch (message.path("event").asText()) {
                    case WorkerProtocol.EPOCH -> r.epochs().onEpoch(WorkerProtocol.record(message),
                            message.path("improved").asBoolean());
                    case WorkerProtocol.DONE -> {
                        running.remove(w);
                        RunGrid.Entry entry = r.job().entry();
                        RunSummary summary = RunSummary.read(entry.directory().resolve(RunDirectory.METRICS));
                        listener.finished(entry, r.job().index(), r.job().total(), summary,
                                (System.nanoTime() - r.startNanos()) / 1e9);
                        handOut(w, pending, running, provenance, listener);
                    }
                    case WorkerProtocol.FAILED -> {
                        running.remove(w);
                        fail(r, listener, message.path("reason").asText("unknown error"));
                        handOut(w, pending, running, provenance, listener);
                    }
                    default -> {
                        // an event this version does not know: ignored
                    }
                }
            }
        } finally {
            workers.forEach(WorkerProcess::close);
            try {
                Runtime.getRuntime().removeShutdownHook(killer);
            } catch (IllegalStateException e) {
                // already shutting down: the hook kills them
            }
        }
    }

    private static WorkerProcess start(List<String> command, int id, BlockingQueue<WorkerProcess.Event> events) {
        try {
            return WorkerProcess.start(command, id, events);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a worker JVM (" + command.get(0) + "): " + e.getMessage(), e);
        }
    }

    /** Gives {@code w} the next pending run, if any. */
    private static void handOut(WorkerProcess w, Deque<Job> pending, Map<WorkerProcess, Running> running,
                                Supplier<Map<String, Object>> provenance, RunGrid.Listener listener) {
        Job job = pending.poll();
        if (job == null) {
            return;
        }
        RunGrid.Entry entry = job.entry();
        String line = WorkerProtocol.job(entry.config(), entry.directory(), Path.of(entry.config().data()),
                provenance.get());
        EpochListener epochs = listener.started(entry, job.index(), job.total());
        running.put(w, new Running(job, epochs, System.nanoTime()));
        try {
            w.send(line);
        } catch (IOException e) {
            // the worker is gone; its end-of-output event fails this run and starts a replacement
        }
    }

    private static void fail(Running r, RunGrid.Listener listener, String reason) {
        listener.failed(r.job().entry(), r.job().index(), r.job().total(), reason);
    }

    private static WorkerProcess.Event take(BlockingQueue<WorkerProcess.Event> events) {
        try {
            return events.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while runs were training", e);
        }
    }
}
