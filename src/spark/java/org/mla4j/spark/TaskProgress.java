package org.mla4j.spark;

import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import org.mla4j.experiment.RunExecutor;
import org.mla4j.experiment.RunGrid;
import org.mla4j.experiment.RunSummary;
import org.mla4j.train.EpochListener;

/**
 * Turns Spark's task events into the grid listener's calls, on the grid's thread: a run starts when
 * its first attempt does, and is finished as soon as a successful attempt has put it in the store; a
 * run whose task returned a failure, or that the job never finished (aborted), is reported as failed
 * at the end with the task's reason. Every run is reported exactly once.
 */
final class TaskProgress {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TaskProgress.class);

    private final List<RunExecutor.Job> jobs;
    private final RunGrid.Listener listener;
    private final Function<RunGrid.Entry, RunSummary> fetch;
    private final EpochListener[] started;
    private final long[] startNanos;
    private final boolean[] reported;

    /** @param fetch makes a finished run available in the results directory and reads its summary */
    TaskProgress(List<RunExecutor.Job> jobs, RunGrid.Listener listener, Function<RunGrid.Entry, RunSummary> fetch) {
        this.jobs = jobs;
        this.listener = listener;
        this.fetch = fetch;
        this.started = new EpochListener[jobs.size()];
        this.startNanos = new long[jobs.size()];
        this.reported = new boolean[jobs.size()];
    }

    /** One task event (null: none came). */
    void handle(TaskEvents.Event event, int attempts, Predicate<RunGrid.Entry> finishedInStore) {
        if (event == null || event.index() < 0 || event.index() >= jobs.size() || reported[event.index()]) {
            return;
        }
        int i = event.index();
        RunExecutor.Job job = jobs.get(i);
        if (!event.ended()) {
            start(i);
        } else if (event.succeeded()) {
            if (finishedInStore.test(job.entry())) {
                finish(i);
            } // else the task returned a failure: reported with its reason at the end
        } else if (event.attempt() + 1 < attempts) {
            LOG.warn("{}: attempt {} of {} failed ({}); Spark tries it again", job.entry().label(), event.attempt() + 1,
                    attempts, firstLine(event.reason()));
        }
    }

    /** Reports every run not reported yet, from the tasks' results (or the job's abort). */
    void end(List<RunTask.Result> results, String aborted) {
        for (RunTask.Result r : results) {
            if (!reported[r.ordinal()]) {
                if (r.done()) {
                    finish(r.ordinal());
                } else {
                    fail(r.ordinal(), r.reason());
                }
            }
        }
        for (int i = 0; i < jobs.size(); i++) {
            if (!reported[i]) {
                fail(i, aborted != null ? aborted : "the Spark job returned no result for this run");
            }
        }
    }

    private void start(int i) {
        if (started[i] == null) {
            RunExecutor.Job job = jobs.get(i);
            started[i] = listener.started(job.entry(), job.index(), job.total());
            startNanos[i] = System.nanoTime();
        }
    }

    private void finish(int i) {
        start(i);
        RunExecutor.Job job = jobs.get(i);
        RunSummary summary = fetch.apply(job.entry());
        reported[i] = true;
        listener.finished(job.entry(), job.index(), job.total(), summary, (System.nanoTime() - startNanos[i]) / 1e9);
    }

    private void fail(int i, String reason) {
        start(i);
        RunExecutor.Job job = jobs.get(i);
        reported[i] = true;
        listener.failed(job.entry(), job.index(), job.total(), firstLine(reason));
    }

    private static String firstLine(String text) {
        return text == null ? "unknown error" : text.lines().findFirst().orElse(text).trim();
    }
}
