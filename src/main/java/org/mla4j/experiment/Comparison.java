package org.mla4j.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A methods × metrics table over seeds: for every method (row) and every column — each modality's
 * own test accuracy, the fused test accuracy of the validation-selected model, and the fused test
 * accuracy at the last epoch — the mean and the sample standard deviation (n − 1) over the method's
 * runs. In each column the best mean is marked (ties, up to rounding: all of them). Rendered as Markdown (percent,
 * one decimal, as papers print it), CSV and JSON (fractions, full precision).
 */
public final class Comparison {
    /** Column key of the fused accuracy (validation-selected model). */
    public static final String FUSED = "fused";
    /** Column key of the fused accuracy at the last epoch. */
    public static final String FUSED_LAST = "fused_last_epoch";
    /** Means closer than this count as tied (rounding noise of the averaging). */
    private static final double TIE = 1e-9;

    /** Mean ± sample std over {@code count} runs; std is NaN for a single run, mean NaN for none. */
    public record Cell(double mean, double std, int count) {
        static Cell of(List<Double> values) {
            List<Double> finite = values.stream().filter(v -> !Double.isNaN(v)).toList();
            int n = finite.size();
            if (n == 0) {
                return new Cell(Double.NaN, Double.NaN, 0);
            }
            double mean = finite.stream().mapToDouble(Double::doubleValue).sum() / n;
            double ss = finite.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
            return new Cell(mean, n > 1 ? Math.sqrt(ss / (n - 1)) : Double.NaN, n);
        }
    }

    /** One method's cells by column key, its seeds and the epoch each run selected. */
    public record Row(String method, Map<String, Cell> cells, List<Long> seeds, List<Integer> selectedEpochs) {
    }

    private final List<String> modalities;
    private final List<String> columns;
    private final List<Row> rows;
    private final Map<String, Double> best;

    private Comparison(List<String> modalities, List<Row> rows) {
        this.modalities = List.copyOf(modalities);
        List<String> cols = new ArrayList<>(modalities);
        cols.add(FUSED);
        cols.add(FUSED_LAST);
        this.columns = List.copyOf(cols);
        this.rows = List.copyOf(rows);
        this.best = new LinkedHashMap<>();
        for (String column : columns) {
            double max = rows.stream().map(r -> r.cells().get(column)).filter(c -> c != null && c.count() > 0)
                    .mapToDouble(Cell::mean).max().orElse(Double.NaN);
            best.put(column, max);
        }
    }

    /**
     * Aggregates runs per method, rows in the order of {@code methods}; columns are the
     * {@code modalities} (in that order), then the fused figures. A method without runs gets an empty row.
     */
    public static Comparison of(List<String> methods, List<String> modalities, List<RunSummary> runs) {
        List<Row> rows = new ArrayList<>();
        for (String method : methods) {
            List<RunSummary> mine = runs.stream().filter(r -> r.method().equals(method))
                    .sorted(java.util.Comparator.comparingLong(RunSummary::seed)).toList();
            Map<String, Cell> cells = new LinkedHashMap<>();
            for (String modality : modalities) {
                List<Double> values = mine.stream().map(r -> r.modalityAccuracy().get(modality))
                        .filter(v -> v != null).toList();
                cells.put(modality, Cell.of(values));
            }
            cells.put(FUSED, Cell.of(mine.stream().map(RunSummary::fusedAccuracy).toList()));
            cells.put(FUSED_LAST, Cell.of(mine.stream().map(RunSummary::fusedAccuracyLastEpoch).toList()));
            rows.add(new Row(method, cells, mine.stream().map(RunSummary::seed).toList(),
                    mine.stream().map(RunSummary::selectedEpoch).toList()));
        }
        return new Comparison(modalities, rows);
    }

    public List<String> columns() {
        return columns;
    }

    public List<Row> rows() {
        return rows;
    }

    /** Whether {@code row}'s mean is the best of its column (a row without runs never is). */
    public boolean isBest(Row row, String column) {
        Cell cell = row.cells().get(column);
        return cell != null && cell.count() > 0 && cell.mean() >= best.get(column) - TIE;
    }

    private static String header(String column) {
        return switch (column) {
            case FUSED -> "fused (best-val epoch)";
            case FUSED_LAST -> "fused (last epoch)";
            default -> column;
        };
    }

    /** Markdown table in percent: {@code mean ± std}, best per column followed by {@code *}. */
    public String markdown() {
        StringBuilder sb = new StringBuilder("| method |");
        columns.forEach(c -> sb.append(' ').append(header(c)).append(" |"));
        sb.append(" seeds | sel. epochs |\n|---|");
        columns.forEach(c -> sb.append("---|"));
        sb.append("---|---|\n");
        for (Row row : rows) {
            sb.append("| ").append(row.method()).append(" |");
            for (String column : columns) {
                sb.append(' ').append(format(row.cells().get(column))).append(isBest(row, column) ? " *" : "")
                        .append(" |");
            }
            sb.append(' ').append(row.seeds().size()).append(" | ")
                    .append(row.selectedEpochs().stream().map(String::valueOf).collect(Collectors.joining(",")))
                    .append(" |\n");
        }
        return sb.toString();
    }

    private static String format(Cell cell) {
        if (cell == null || cell.count() == 0) {
            return "–";
        }
        if (Double.isNaN(cell.std())) {
            return String.format(Locale.ROOT, "%.1f", 100 * cell.mean());
        }
        return String.format(Locale.ROOT, "%.1f ± %.1f", 100 * cell.mean(), 100 * cell.std());
    }

    /** CSV, one row per method: {@code method,seeds,<col>_mean,<col>_std,<col>_best,...} (fractions). */
    public String csv() {
        StringBuilder sb = new StringBuilder("method,seeds");
        columns.forEach(c -> sb.append(',').append(c).append("_mean,").append(c).append("_std,").append(c).append("_best"));
        sb.append('\n');
        for (Row row : rows) {
            sb.append(csvText(row.method())).append(',').append(row.seeds().size());
            for (String column : columns) {
                Cell cell = row.cells().get(column);
                sb.append(',').append(number(cell.mean())).append(',').append(number(cell.std())).append(',')
                        .append(isBest(row, column));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** A CSV field: quoted (with doubled quotes) when it holds a comma, a quote or a line break. */
    static String csvText(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n")
                ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }

    /** A JSON-ready structure: columns, and per method its cells (mean, std, n, best), seeds, selected epochs. */
    public Map<String, Object> json() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("modalities", modalities);
        out.put("columns", columns);
        out.put("statistic", "mean and sample standard deviation (n-1) over seeds; accuracies as fractions");
        List<Map<String, Object>> list = new ArrayList<>();
        for (Row row : rows) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("method", row.method());
            r.put("seeds", row.seeds());
            r.put("selected_epoch_numbers", row.selectedEpochs()); // from 1
            Map<String, Object> cells = new LinkedHashMap<>();
            for (String column : columns) {
                Cell cell = row.cells().get(column);
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("mean", Double.isNaN(cell.mean()) ? null : cell.mean());
                c.put("std", Double.isNaN(cell.std()) ? null : cell.std());
                c.put("n", cell.count());
                c.put("best", isBest(row, column));
                cells.put(column, c);
            }
            r.put("cells", cells);
            list.add(r);
        }
        out.put("rows", list);
        return out;
    }
}
