package org.mla4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mla4j.experiment.RunGrid;
import org.mla4j.run.MissingSpec;
import org.mla4j.run.RunConfig;
import org.mla4j.settings.SettingValues;

class GridEtaTest {
    private static final long S = 1_000_000_000L;

    private static RunGrid.Entry run(String method, long seed, double rate, int epochs) {
        RunConfig c = new RunConfig("data", method, seed, SettingValues.NONE, MissingSpec.NONE).withEpochs(epochs);
        if (rate > 0) {
            c = c.withMissing(new MissingSpec(rate, 0, null, false));
        }
        return new RunGrid.Entry(c, Path.of("runs", method + "-" + rate + "-" + seed));
    }

    @Test
    void pricesEachRowAtItsOwnCostAndUnmeasuredRowsAtTheMean() {
        RunGrid.Entry cheap0 = run("cca", 0, 0.1, 10);
        RunGrid.Entry cheap1 = run("cca", 1, 0.2, 10);
        RunGrid.Entry dear0 = run("mmin", 0, 0.1, 4);
        RunGrid.Entry dear1 = run("mmin", 1, 0.2, 4);
        GridEta eta = new GridEta(List.of(cheap0, cheap1, dear0, dear1), 0);
        assertThat(eta.totalEpochs()).isEqualTo(28);
        assertThat(eta.secondsLeft(5 * S)).as("nothing measured yet").isEmpty();

        eta.started(cheap0, 0);
        for (int e = 1; e <= 10; e++) {
            eta.epoch(cheap0, e * S); // 1 s per epoch
        }
        eta.finished(cheap0, 10 * S);
        // cca at 1 s/epoch: 10 left; mmin not measured: the mean, 1 s/epoch, 8 left; one job: 18 s
        assertThat(eta.secondsLeft(10 * S).getAsDouble()).isCloseTo(18.0, within(1e-9));
        assertThat(eta.untimedMethods()).containsExactly("mmin");

        eta.started(dear0, 10 * S);
        eta.epoch(dear0, 30 * S); // 20 s per epoch
        // cca 10 × 1 + mmin (3 + 4) × 20 = 150 s of runs; 30 s of wall, 30 s of runs: parallelism 1
        assertThat(eta.secondsLeft(30 * S).getAsDouble()).isCloseTo(150.0, within(1e-9));
        assertThat(eta.untimedMethods()).isEmpty();
        // the mmin row's cost is the mean over its epochs: (20 + 10) / 2 = 15 s
        eta.epoch(dear0, 40 * S);
        assertThat(eta.secondsLeft(40 * S).getAsDouble()).isCloseTo(10 + (2 + 4) * 15.0, within(1e-9));
    }

    @Test
    void parallelRunsShortenTheWallTime() {
        RunGrid.Entry a = run("late", 0, 0, 10);
        RunGrid.Entry b = run("late", 1, 0, 10);
        RunGrid.Entry c = run("late", 2, 0, 10);
        GridEta eta = new GridEta(List.of(a, b, c), 0);
        eta.started(a, 0);
        eta.started(b, 0);
        for (int e = 1; e <= 5; e++) {
            eta.epoch(a, 2 * e * S);
            eta.epoch(b, 2 * e * S);
        }
        // 2 s/epoch; left: 5 + 5 + 10 = 20 epochs = 40 run-seconds; 20 run-seconds in 10 s of wall: 2 jobs
        assertThat(eta.secondsLeft(10 * S).getAsDouble()).isCloseTo(20.0, within(1e-9));
    }

    @Test
    void aRunThatEndsEarlyHasNothingLeftAndOneWithoutEpochReportsCountsItsPlan() {
        RunGrid.Entry a = run("qmf", 0, 0, 10);
        RunGrid.Entry b = run("qmf", 1, 0, 10);
        GridEta eta = new GridEta(List.of(a, b), 0);
        eta.started(a, 0);
        eta.finished(a, 20 * S); // an executor that reports no epochs: 10 epochs in 20 s
        assertThat(eta.epochsSeen(a)).isEqualTo(10);
        assertThat(eta.secondsLeft(20 * S).getAsDouble()).isCloseTo(20.0, within(1e-9));
        eta.started(b, 20 * S);
        eta.epoch(b, 22 * S);
        eta.finished(b, 22 * S); // failed after one epoch
        assertThat(eta.secondsLeft(22 * S).getAsDouble()).isZero();
    }
}
