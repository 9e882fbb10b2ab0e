package org.mla4j.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An accuracy sweep: for each series (a method, or a method and modality) and each x value (a
 * missing rate, a masking ratio), the mean ± sample std over seeds. Rendered as Markdown (rows:
 * series; columns: x values; percentages), CSV (one line per cell) and JSON, and plotted by
 * {@link org.mla4j.report.SweepPlot}.
 */
public final class SweepTable {
    /** One run's figure: the series it belongs to, its x value and the accuracy (a fraction). */
    public record Point(String series, double x, double value) {
    }

    private final String xLabel;
    private final List<String> series;
    private final List<Double> xs;
    private final Map<String, Map<Double, Comparison.Cell>> cells;

    private SweepTable(String xLabel, List<String> series, List<Double> xs, Map<String, Map<Double, Comparison.Cell>> cells) {
        this.xLabel = xLabel;
        this.series = series;
        this.xs = xs;
        this.cells = cells;
    }

    /** Aggregates points; series keep the order of {@code seriesOrder}, x values are sorted. */
    public static SweepTable of(String xLabel, List<String> seriesOrder, List<Point> points) {
        TreeSet<Double> xs = new TreeSet<>();
        Map<String, Map<Double, List<Double>>> values = new LinkedHashMap<>();
        for (String s : seriesOrder) {
            values.put(s, new TreeMap<>());
        }
        for (Point p : points) {
            xs.add(p.x());
            values.computeIfAbsent(p.series(), k -> new TreeMap<>()).computeIfAbsent(p.x(), k -> new ArrayList<>())
                    .add(p.value());
        }
        Map<String, Map<Double, Comparison.Cell>> cells = new LinkedHashMap<>();
        values.forEach((s, byX) -> {
            Map<Double, Comparison.Cell> row = new TreeMap<>();
            byX.forEach((x, v) -> row.put(x, Comparison.Cell.of(v)));
            cells.put(s, row);
        });
        return new SweepTable(xLabel, List.copyOf(cells.keySet()), List.copyOf(xs), cells);
    }

    public String xLabel() {
        return xLabel;
    }

    public List<String> series() {
        return series;
    }

    public List<Double> xs() {
        return xs;
    }

    /** The cell of a series at x, or null when no run produced it. */
    public Comparison.Cell cell(String s, double x) {
        return cells.getOrDefault(s, Map.of()).get(x);
    }

    public String markdown() {
        StringBuilder sb = new StringBuilder("| series |");
        xs.forEach(x -> sb.append(' ').append(xLabel).append(' ').append(format(x)).append(" |"));
        sb.append("\n|---|");
        xs.forEach(x -> sb.append("---|"));
        sb.append('\n');
        for (String s : series) {
            sb.append("| ").append(s).append(" |");
            for (double x : xs) {
                Comparison.Cell c = cell(s, x);
                sb.append(' ').append(c == null || c.count() == 0 ? "–" : percent(c)).append(" |");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    public String csv() {
        StringBuilder sb = new StringBuilder("series," + xLabel.replace(' ', '_') + ",mean,std,runs\n");
        for (String s : series) {
            for (double x : xs) {
                Comparison.Cell c = cell(s, x);
                if (c != null) {
                    sb.append(Comparison.csvText(s)).append(',').append(format(x)).append(',').append(c.mean()).append(',')
                            .append(Double.isNaN(c.std()) ? "" : String.valueOf(c.std())).append(',').append(c.count())
                            .append('\n');
                }
            }
        }
        return sb.toString();
    }

    public Map<String, Object> json() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("x_label", xLabel);
        out.put("x", xs);
        Map<String, Object> rows = new LinkedHashMap<>();
        for (String s : series) {
            List<Map<String, Object>> points = new ArrayList<>();
            for (double x : xs) {
                Comparison.Cell c = cell(s, x);
                if (c != null) {
                    Map<String, Object> p = new LinkedHashMap<>();
                    p.put("x", x);
                    p.put("mean", c.mean());
                    p.put("std", Double.isNaN(c.std()) ? null : c.std());
                    p.put("runs", c.count());
                    points.add(p);
                }
            }
            rows.put(s, points);
        }
        out.put("series", rows);
        return out;
    }

    static String format(double x) {
        return x == Math.rint(x) ? String.valueOf((long) x) : String.format(Locale.ROOT, "%s", x);
    }

    static String percent(Comparison.Cell c) {
        return Double.isNaN(c.std()) ? String.format(Locale.ROOT, "%.1f", 100 * c.mean())
                : String.format(Locale.ROOT, "%.1f ± %.1f", 100 * c.mean(), 100 * c.std());
    }
}
