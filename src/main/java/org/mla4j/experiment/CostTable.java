package org.mla4j.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What each row costs, over seeds, from its runs' saved {@link CostAnalysis}: parameters, training
 * seconds per epoch, inference microseconds per test sample, and (when measured) the memory probe's
 * peak resident memory and its increase over the probe's baseline; and the range of the load
 * average while inference was timed. Rows are the experiment's own
 * (data-size runs left out), at its first missing rate.
 *
 * @param machine where inference and memory were measured (the first analysed run's record)
 * @param loads   the smallest and largest load average over the runs' timings (NaN: unknown)
 */
public record CostTable(List<Row> rows, Map<String, Object> machine, double[] loads) {
    /** One row's figures, each mean ± sample std over its runs (memory cells empty when not measured). */
    public record Row(String label, Comparison.Cell parameters, Comparison.Cell trainSecondsPerEpoch,
                      Comparison.Cell fastestEpochSeconds, Comparison.Cell inferenceMicrosPerSample,
                      Comparison.Cell peakMiB, Comparison.Cell trainingMiB) {
    }

    public static CostTable of(ExperimentResults results) {
        double rate = results.rates().get(0);
        List<Row> rows = new ArrayList<>();
        Map<String, Object> machine = null;
        List<Double> loads = new ArrayList<>();
        for (ExperimentResults.Row row : Analyses.analysedRows(results)) {
            List<Double> parameters = new ArrayList<>();
            List<Double> perEpoch = new ArrayList<>();
            List<Double> fastestEpoch = new ArrayList<>();
            List<Double> inference = new ArrayList<>();
            List<Double> peak = new ArrayList<>();
            List<Double> training = new ArrayList<>();
            for (ExperimentResults.RunRecord run : results.finished(row.label(), rate)) {
                CostAnalysis c = CostAnalysis.read(results.runDirectory(run));
                if (c == null) {
                    continue;
                }
                machine = machine == null ? c.machine() : machine;
                parameters.add((double) c.parameters());
                perEpoch.add(c.trainSecondsPerEpoch());
                fastestEpoch.add(c.fastestEpochSeconds());
                if (!Double.isNaN(c.loadAverage())) {
                    loads.add(c.loadAverage());
                }
                inference.add(1e6 * c.inferenceSecondsPerSample());
                if (c.memory() != null) {
                    peak.add(c.memory().peakMiB());
                    training.add(c.memory().trainingMiB());
                }
            }
            if (!parameters.isEmpty()) {
                rows.add(new Row(row.label(), Comparison.Cell.of(parameters), Comparison.Cell.of(perEpoch),
                        Comparison.Cell.of(fastestEpoch), Comparison.Cell.of(inference), Comparison.Cell.of(peak),
                        Comparison.Cell.of(training)));
            }
        }
        double[] range = loads.isEmpty() ? new double[] {Double.NaN, Double.NaN}
                : new double[] {loads.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
                        loads.stream().mapToDouble(Double::doubleValue).max().orElseThrow()};
        return new CostTable(rows, machine == null ? Map.of() : machine, range);
    }

    /** The machine in words ({@link Machine#words}). */
    public String machineWords() {
        return machine.isEmpty() ? "unknown" : Machine.words(machine);
    }

    public Map<String, Object> json() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("machine", machine);
        out.put("load_average", java.util.Arrays.asList(nullable(loads[0]), nullable(loads[1])));
        List<Map<String, Object>> list = new ArrayList<>();
        for (Row r : rows) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("row", r.label());
            x.put("parameters", ConvergenceTable.cell(r.parameters()));
            x.put("train_seconds_per_epoch", ConvergenceTable.cell(r.trainSecondsPerEpoch()));
            x.put("fastest_epoch_seconds", ConvergenceTable.cell(r.fastestEpochSeconds()));
            x.put("inference_microseconds_per_sample", ConvergenceTable.cell(r.inferenceMicrosPerSample()));
            x.put("peak_resident_mib", ConvergenceTable.cell(r.peakMiB()));
            x.put("training_mib", ConvergenceTable.cell(r.trainingMiB()));
            list.add(x);
        }
        out.put("rows", list);
        return out;
    }

    private static Double nullable(double v) {
        return Double.isNaN(v) ? null : v;
    }
}
