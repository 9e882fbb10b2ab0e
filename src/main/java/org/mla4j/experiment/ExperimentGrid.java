package org.mla4j.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The runs of an experiment: variants × methods (those the variant applies to) × missing rates ×
 * seeds, in that nesting order, each with its own run directory under {@code RESULTS/runs/}. The
 * folder name depends only on the run's coordinates —
 * {@code <method>[-<variant>][-missing<η>]-seed<S>}, the variant part only for spec-defined
 * variants and the missing part only for η > 0 — so re-running a spec, or a spec extended with
 * more seeds, rates or methods, finds the runs it already has.
 */
public final class ExperimentGrid {
    /** Folder of the run directories inside a results directory. */
    public static final String RUNS = "runs";

    /**
     * One run of the grid.
     *
     * @param entry   its settings and directory, for {@link RunGrid}
     * @param row     the table row it belongs to ({@link #rowLabel})
     * @param variant the options variant it uses
     * @param rate    its missing rate
     */
    public record PlannedRun(RunGrid.Entry entry, String row, Experiment.Variant variant, double rate) {
        public String method() {
            return entry.config().method();
        }

        public long seed() {
            return entry.config().seed();
        }
    }

    private ExperimentGrid() {
    }

    /** Every run of {@code experiment}, with directories under {@code resultsDir/runs}. */
    public static List<PlannedRun> expand(Experiment experiment, Path resultsDir) {
        List<PlannedRun> runs = new ArrayList<>();
        for (Experiment.Variant variant : experiment.variants()) {
            for (String method : variant.methods()) {
                String row = rowLabel(method, variant);
                for (double rate : experiment.rates()) {
                    for (long seed : experiment.seeds()) {
                        Path dir = resultsDir.resolve(RUNS).resolve(directoryName(method, variant, rate, seed));
                        String name = row + (experiment.rates().size() > 1 || rate > 0 ? " η=" + rate : "")
                                + " seed " + seed;
                        runs.add(new PlannedRun(new RunGrid.Entry(experiment.config(method, variant, rate, seed), dir,
                                name), row, variant, rate));
                    }
                }
            }
        }
        return List.copyOf(runs);
    }

    /** The table rows, in grid order. */
    public static List<String> rows(Experiment experiment) {
        List<String> rows = new ArrayList<>();
        for (Experiment.Variant variant : experiment.variants()) {
            for (String method : variant.methods()) {
                rows.add(rowLabel(method, variant));
            }
        }
        return List.copyOf(rows);
    }

    /** A row's label: the method, followed by the variant's name in parentheses for spec-defined variants. */
    public static String rowLabel(String method, Experiment.Variant variant) {
        return variant.implicit() ? method : method + " (" + variant.name() + ")";
    }

    /** The run directory name of one grid point. */
    public static String directoryName(String method, Experiment.Variant variant, double rate, long seed) {
        StringBuilder sb = new StringBuilder(method);
        if (!variant.implicit()) {
            sb.append('-').append(variant.slug());
        }
        if (rate > 0) {
            sb.append("-missing").append(String.format(Locale.ROOT, "%s", rate));
        }
        return sb.append("-seed").append(seed).toString();
    }
}
