package org.mla4j.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.mla4j.experiment.RunGrid;
import org.mla4j.experiment.RunSummary;
import org.mla4j.train.EpochListener;
import org.mla4j.train.EpochRecord;

/**
 * Progress over a whole grid of runs, counted in epochs of the runs still to do, each run with the
 * epochs its own settings give it. On a terminal: one progress bar with the current run as its
 * message. On a pipe or in CI: one line per run (start, result, time). Either way the ETA prices
 * each run's remaining epochs at what its grid row's epochs have cost so far ({@link GridEta}).
 * Silent when quiet.
 */
final class GridProgress implements RunGrid.Listener, AutoCloseable {
    private final boolean quiet;
    private final PrintWriter err;
    private final GridEta eta;
    private final long totalEpochs;
    private ProgressBar bar;

    /** @param toTrain the runs of the grid it will train (not those already finished or copied) */
    GridProgress(List<RunGrid.Entry> toTrain, boolean quiet, PrintWriter err) {
        this("compare", toTrain, quiet, err);
    }

    /**
     * @param task    the progress bar's name
     * @param toTrain the runs of the grid it will train (not those already finished or copied)
     */
    GridProgress(String task, List<RunGrid.Entry> toTrain, boolean quiet, PrintWriter err) {
        this.quiet = quiet;
        this.err = err;
        this.eta = new GridEta(toTrain, System.nanoTime());
        this.totalEpochs = eta.totalEpochs();
        if (!quiet && ProgressReporter.interactive() && totalEpochs > 0) {
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(totalEpochs)
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).continuousUpdate()
                    .setEtaFunction(state -> {
                        OptionalDouble left = eta.secondsLeft(System.nanoTime());
                        return left.isPresent() ? Optional.of(Duration.ofSeconds(Math.round(left.getAsDouble())))
                                : Optional.empty();
                    }).build();
        }
    }

    @Override
    public void skipped(RunGrid.Entry entry, int index, int total) {
        line(String.format(Locale.ROOT, "[%d/%d] %s: already done (%s), skipped", index, total, entry.label(),
                entry.directory()));
    }

    @Override
    public synchronized EpochListener started(RunGrid.Entry entry, int index, int total) {
        String label = String.format(Locale.ROOT, "[%d/%d] %s", index, total, entry.label());
        line(label + ": training" + etaText());
        eta.started(entry, System.nanoTime());
        int planned = eta.plannedEpochs(entry);
        if (bar != null) {
            bar.setExtraMessage(label + " starting");
        }
        return new EpochListener() {
            @Override
            public void onEpoch(EpochRecord record, boolean improved) {
                synchronized (GridProgress.this) {
                    eta.epoch(entry, System.nanoTime());
                    if (bar != null) {
                        bar.step();
                        bar.setExtraMessage(String.format(Locale.ROOT, "%s epoch %d/%d", label, record.epoch() + 1,
                                planned));
                    }
                }
            }
        };
    }

    @Override
    public synchronized void finished(RunGrid.Entry entry, int index, int total, RunSummary summary, double seconds) {
        ended(entry);
        line(String.format(Locale.ROOT, "[%d/%d] %s: test fused %.2f%% (epoch %d) in %.0f s%s", index, total,
                entry.label(), 100 * summary.fusedAccuracy(), summary.selectedEpoch(), seconds, etaText()));
    }

    @Override
    public synchronized void failed(RunGrid.Entry entry, int index, int total, String reason) {
        ended(entry); // the run ended early: its epochs left are no longer to do
        line(String.format(Locale.ROOT, "[%d/%d] %s: FAILED: %s", index, total, entry.label(), reason));
    }

    @Override
    public void shared(RunGrid.Entry entry, int index, int total, RunGrid.Entry source) {
        line(String.format(Locale.ROOT, "[%d/%d] %s: same settings and mask as %s, not trained again (its results "
                + "copied)", index, total, entry.label(), source.label()));
    }

    /** Steps the bar over the epochs of a run that ended that were not reported one by one. */
    private void ended(RunGrid.Entry entry) {
        int missing = eta.plannedEpochs(entry) - eta.epochsSeen(entry);
        eta.finished(entry, System.nanoTime());
        if (bar != null && missing > 0) {
            bar.stepBy(missing);
        }
    }

    /** "; ETA 12m30s" (with the methods not timed yet, if any); empty before the first epoch and at the end. */
    private String etaText() {
        OptionalDouble left = eta.secondsLeft(System.nanoTime());
        if (left.isEmpty() || left.getAsDouble() <= 0) {
            return "";
        }
        long seconds = Math.round(left.getAsDouble());
        String text = seconds >= 3600
                ? String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds % 3600 / 60)
                : String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
        Set<String> untimed = eta.untimedMethods();
        return "; ETA " + text + (untimed.isEmpty() ? "" : " (" + String.join(", ", untimed) + " not timed yet)");
    }

    private void line(String message) {
        if (quiet || bar != null) {
            return;
        }
        synchronized (err) {
            err.println(message);
            err.flush();
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
