package org.mla4j.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.mla4j.experiment.Comparison;
import org.mla4j.experiment.SweepTable;

/**
 * A report table whose columns are points of sweeps: each column one x value of one
 * {@link SweepTable}, each row one series, each cell the series' mean ± std there; the best mean of a
 * column (highest, or lowest with {@code lowerIsBetter}) highlighted.
 */
final class SweepColumns {
    /** One column: its header, the sweep it reads and the x value. */
    record Column(String header, SweepTable sweep, double x) {
    }

    private SweepColumns() {
    }

    static ReportDocument.Table table(String caption, String firstHeader, List<String> series, List<Column> columns,
                                      Function<Comparison.Cell, String> format, boolean highlight) {
        List<String> header = new ArrayList<>(List.of(firstHeader));
        columns.forEach(c -> header.add(c.header()));
        List<List<ReportDocument.Cell>> rows = new ArrayList<>();
        for (String s : series) {
            List<ReportDocument.Cell> cells = new ArrayList<>(List.of(ReportDocument.Cell.of(s)));
            for (Column c : columns) {
                Comparison.Cell cell = c.sweep().cell(s, c.x());
                double best = series.stream().map(o -> c.sweep().cell(o, c.x())).filter(x -> x != null && x.count() > 0)
                        .mapToDouble(Comparison.Cell::mean).max().orElse(Double.NaN);
                boolean strong = highlight && cell != null && cell.count() > 0 && cell.mean() >= best - 1e-9;
                cells.add(new ReportDocument.Cell(cell == null || cell.count() == 0 ? "–" : format.apply(cell), strong));
            }
            rows.add(cells);
        }
        return new ReportDocument.Table(caption, header, rows);
    }

    /** One column per x value of {@code sweep} (those accepted by {@code keep}), headed {@code header(x)}. */
    static List<Column> of(SweepTable sweep, Function<Double, String> header, java.util.function.DoublePredicate keep) {
        List<Column> out = new ArrayList<>();
        for (double x : sweep.xs()) {
            if (keep.test(x)) {
                out.add(new Column(header.apply(x), sweep, x));
            }
        }
        return out;
    }

    static String number(double x) {
        return x == Math.rint(x) ? String.valueOf((long) x) : String.valueOf(x);
    }
}
