package org.mla4j.cli;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import org.mla4j.experiment.RunGrid;
import org.mla4j.run.RunConfig;

/**
 * How long a grid of runs has left. The runs of one grid row (one method with one set of settings,
 * over seeds and missing rates) cost about the same per epoch, but rows differ by up to 50× (Table
 * 2: CCA against MMIN), and a grid runs row after row, so counting epochs alone is far off. Here
 * each run's remaining epochs are priced at its own row's measured seconds per epoch, or, for a
 * row not measured yet, at the mean over every epoch measured; the sum of run-seconds becomes wall
 * time through the grid's measured parallelism (run-seconds per wall second so far: about 2 with
 * {@code --jobs 2}). Times are passed in (nanoseconds, any origin) so that the estimate is testable.
 */
final class GridEta {
    /** A run's measurements: when it started, the epochs it reported, when it reported the last. */
    private static final class Measured {
        final long startedAt;
        int epochs;
        long lastAt;
        boolean finished;

        Measured(long startedAt) {
            this.startedAt = startedAt;
            this.lastAt = startedAt;
        }
    }

    private final Map<RunGrid.Entry, Integer> plannedEpochs = new LinkedHashMap<>();
    private final Map<RunGrid.Entry, RunConfig> rows = new HashMap<>();
    private final Map<RunGrid.Entry, Measured> measured = new HashMap<>();
    private final long startedAt;

    /** @param toTrain the runs the grid will train, each with the epochs its settings give it */
    GridEta(List<RunGrid.Entry> toTrain, long now) {
        for (RunGrid.Entry e : toTrain) {
            plannedEpochs.put(e, e.config().epochs());
            RunConfig c = e.config();
            rows.put(e, new RunConfig(c.data(), c.method(), 0, c.settings(), null));
        }
        this.startedAt = now;
    }

    /** Epochs of every run to train. */
    long totalEpochs() {
        return plannedEpochs.values().stream().mapToLong(Integer::longValue).sum();
    }

    /** Epochs {@code entry} has reported (all it planned once it ended without reporting any). */
    int epochsSeen(RunGrid.Entry entry) {
        Measured m = measured.get(entry);
        return m == null ? 0 : m.epochs;
    }

    int plannedEpochs(RunGrid.Entry entry) {
        return plannedEpochs.getOrDefault(entry, 0);
    }

    void started(RunGrid.Entry entry, long now) {
        measured.put(entry, new Measured(now));
    }

    void epoch(RunGrid.Entry entry, long now) {
        Measured m = measured.get(entry);
        if (m != null && !m.finished) {
            m.epochs++;
            m.lastAt = now;
        }
    }

    /** The run ended (finished or failed); an executor that reports no epochs counts all it planned. */
    void finished(RunGrid.Entry entry, long now) {
        Measured m = measured.computeIfAbsent(entry, e -> new Measured(now));
        if (m.epochs == 0) {
            m.epochs = plannedEpochs(entry);
        }
        m.lastAt = now;
        m.finished = true;
    }

    /** Seconds left, or empty until an epoch has been measured. */
    OptionalDouble secondsLeft(long now) {
        Map<RunConfig, double[]> perRow = new HashMap<>(); // row → {seconds, epochs}
        double seconds = 0;
        double epochs = 0;
        double busy = 0; // run-seconds spent so far, the running runs up to now
        for (Map.Entry<RunGrid.Entry, Measured> e : measured.entrySet()) {
            Measured m = e.getValue();
            busy += ((m.finished ? m.lastAt : now) - m.startedAt) / 1e9;
            if (m.epochs > 0) {
                double s = (m.lastAt - m.startedAt) / 1e9;
                double[] row = perRow.computeIfAbsent(rows.get(e.getKey()), r -> new double[2]);
                row[0] += s;
                row[1] += m.epochs;
                seconds += s;
                epochs += m.epochs;
            }
        }
        double wall = (now - startedAt) / 1e9;
        if (epochs == 0 || seconds <= 0 || wall <= 0) {
            return OptionalDouble.empty();
        }
        double meanPerEpoch = seconds / epochs;
        double left = 0;
        for (Map.Entry<RunGrid.Entry, Integer> e : plannedEpochs.entrySet()) {
            Measured m = measured.get(e.getKey());
            if (m != null && m.finished) {
                continue;
            }
            int remaining = Math.max(0, e.getValue() - (m == null ? 0 : m.epochs));
            double[] row = perRow.get(rows.get(e.getKey()));
            left += remaining * (row != null ? row[0] / row[1] : meanPerEpoch);
        }
        double parallelism = Math.max(1.0, busy / wall);
        return OptionalDouble.of(left / parallelism);
    }

    /** Methods with runs left whose row has no measured epoch yet (their share of the estimate is a guess). */
    Set<String> untimedMethods() {
        Set<RunConfig> timed = new HashSet<>();
        measured.forEach((entry, m) -> {
            if (m.epochs > 0 && rows.containsKey(entry)) {
                timed.add(rows.get(entry));
            }
        });
        Set<String> untimed = new LinkedHashSet<>();
        for (RunGrid.Entry e : plannedEpochs.keySet()) {
            Measured m = measured.get(e);
            if ((m == null || !m.finished) && !timed.contains(rows.get(e))) {
                untimed.add(e.config().method());
            }
        }
        return untimed;
    }
}
