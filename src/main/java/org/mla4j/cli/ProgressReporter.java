package org.mla4j.cli;

import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.mla4j.train.EpochListener;
import org.mla4j.train.EpochRecord;

/**
 * Shows training progress: a progress bar with ETA on a terminal; on a pipe or in CI, one line
 * every tenth of the run (and at the end), so logs stay short. Silent when quiet.
 */
final class ProgressReporter implements EpochListener, AutoCloseable {
    private final String label;
    private final int epochs;
    private final boolean quiet;
    private final PrintWriter err;
    private ProgressBar bar;

    ProgressReporter(String label, int epochs, boolean quiet, PrintWriter err) {
        this.label = label;
        this.epochs = epochs;
        this.quiet = quiet;
        this.err = err;
    }

    static boolean interactive() {
        return System.console() != null && System.getenv("CI") == null;
    }

    @Override
    public void onBatch(int epoch, int batch, int batchesPerEpoch) {
        if (quiet || !interactive()) {
            return;
        }
        if (bar == null) {
            bar = new ProgressBarBuilder().setTaskName(label).setInitialMax((long) epochs * batchesPerEpoch)
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).continuousUpdate().build();
        }
        bar.step();
    }

    @Override
    public void onEpoch(EpochRecord record, boolean improved) {
        if (quiet) {
            return;
        }
        String summary = String.format(Locale.ROOT, "epoch %d/%d  val fused %.4f%s", record.epoch() + 1, epochs,
                record.validation().fusedAccuracy(), improved ? " *" : "");
        if (bar != null) {
            bar.setExtraMessage(summary);
        } else {
            int every = Math.max(1, epochs / 10);
            if ((record.epoch() + 1) % every == 0 || record.epoch() + 1 == epochs) {
                err.println(label + ": " + summary);
            }
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
