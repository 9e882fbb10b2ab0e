package org.mla4j.cli;

import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.mla4j.experiment.RunGrid;
import org.mla4j.experiment.RunSummary;
import org.mla4j.train.EpochListener;
import org.mla4j.train.EpochRecord;

/**
 * Progress over a whole grid of runs, counted in epochs of the runs still to do. On a terminal: one
 * progress bar with ETA and the current run as its message. On a pipe or in CI: one line per run
 * (start, result, time) with the runs done, runs left and an ETA from the epochs trained so far.
 * Silent when quiet.
 */
final class GridProgress implements RunGrid.Listener, AutoCloseable {
    private final boolean quiet;
    private final PrintWriter err;
    private final int epochsPerRun;
    private final long totalEpochs;
    private final long startNanos = System.nanoTime();
    private long epochsDone;
    /** Epochs seen of the runs in training (several at once with --jobs); an executor may report none. */
    private final java.util.Map<RunGrid.Entry, Integer> seen = new java.util.HashMap<>();
    private ProgressBar bar;

    /** @param runsToDo runs of the grid that are not already finished */
    GridProgress(int runsToDo, int epochsPerRun, boolean quiet, PrintWriter err) {
        this("compare", runsToDo, epochsPerRun, quiet, err);
    }

    /**
     * @param task     the progress bar's name
     * @param runsToDo runs of the grid that are not already finished
     */
    GridProgress(String task, int runsToDo, int epochsPerRun, boolean quiet, PrintWriter err) {
        this.quiet = quiet;
        this.err = err;
        this.epochsPerRun = epochsPerRun;
        this.totalEpochs = (long) runsToDo * epochsPerRun;
        if (!quiet && ProgressReporter.interactive() && totalEpochs > 0) {
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(totalEpochs)
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).continuousUpdate().build();
        }
    }

    @Override
    public void skipped(RunGrid.Entry entry, int index, int total) {
        line(String.format(Locale.ROOT, "[%d/%d] %s: already done (%s), skipped", index, total, entry.label(),
                entry.directory()));
    }

    @Override
    public EpochListener started(RunGrid.Entry entry, int index, int total) {
        String label = String.format(Locale.ROOT, "[%d/%d] %s", index, total, entry.label());
        line(label + ": training" + eta());
        seen.put(entry, 0);
        return new EpochListener() {
            @Override
            public void onEpoch(EpochRecord record, boolean improved) {
                epochsDone++;
                seen.merge(entry, 1, Integer::sum);
                if (bar != null) {
                    bar.step();
                    bar.setExtraMessage(String.format(Locale.ROOT, "%s epoch %d/%d", label, record.epoch() + 1,
                            epochsPerRun));
                }
            }
        };
    }

    @Override
    public void finished(RunGrid.Entry entry, int index, int total, RunSummary summary, double seconds) {
        catchUp(entry);
        line(String.format(Locale.ROOT, "[%d/%d] %s: test fused %.2f%% (epoch %d) in %.0f s%s", index, total,
                entry.label(), 100 * summary.fusedAccuracy(), summary.selectedEpoch(), seconds, eta()));
    }

    @Override
    public void failed(RunGrid.Entry entry, int index, int total, String reason) {
        catchUp(entry); // approximately: the run ended early
        line(String.format(Locale.ROOT, "[%d/%d] %s: FAILED: %s", index, total, entry.label(), reason));
    }

    @Override
    public void shared(RunGrid.Entry entry, int index, int total, RunGrid.Entry source) {
        line(String.format(Locale.ROOT, "[%d/%d] %s: same settings and mask as %s, not trained again (its results "
                + "copied)", index, total, entry.label(), source.label()));
    }

    /** Counts the epochs of a run that ended that were not reported one by one. */
    private void catchUp(RunGrid.Entry entry) {
        Integer counted = seen.remove(entry);
        int missing = Math.max(0, epochsPerRun - (counted == null ? 0 : counted));
        epochsDone += missing;
        if (bar != null && missing > 0) {
            bar.stepBy(missing);
        }
    }

    /** "; ETA 12m30s" from the mean time per epoch so far, or empty before the first epoch. */
    private String eta() {
        if (epochsDone == 0 || epochsDone >= totalEpochs) {
            return "";
        }
        double perEpoch = (System.nanoTime() - startNanos) / 1e9 / epochsDone;
        long seconds = Math.round(perEpoch * (totalEpochs - epochsDone));
        return String.format(Locale.ROOT, "; ETA %s", seconds >= 3600
                ? String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds % 3600 / 60)
                : String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60));
    }

    private void line(String message) {
        if (quiet || bar != null) {
            return;
        }
        err.println(message);
        err.flush();
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
