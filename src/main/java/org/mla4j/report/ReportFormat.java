package org.mla4j.report;

import java.util.List;
import java.util.Locale;
import org.mla4j.experiment.Comparison;

/** How the report writes numbers and names: percentages, decimals, mean ± std cells, file-name slugs. */
final class ReportFormat {
    private ReportFormat() {
    }

    /** Mean ± sample std of values (std NaN for one value, mean NaN for none). */
    static Comparison.Cell cellOf(List<Double> values) {
        List<Double> v = values == null ? List.of() : values;
        int n = v.size();
        if (n == 0) {
            return new Comparison.Cell(Double.NaN, Double.NaN, 0);
        }
        double mean = v.stream().mapToDouble(Double::doubleValue).sum() / n;
        double ss = v.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum();
        return new Comparison.Cell(mean, n > 1 ? Math.sqrt(ss / (n - 1)) : Double.NaN, n);
    }

    static String percent(Comparison.Cell c) {
        if (c == null || c.count() == 0) {
            return "–";
        }
        return Double.isNaN(c.std()) ? String.format(Locale.ROOT, "%.1f", 100 * c.mean())
                : String.format(Locale.ROOT, "%.1f ± %.1f", 100 * c.mean(), 100 * c.std());
    }

    static String decimal(Comparison.Cell c) {
        if (c == null || c.count() == 0) {
            return "–";
        }
        return Double.isNaN(c.std()) ? String.format(Locale.ROOT, "%.3f", c.mean())
                : String.format(Locale.ROOT, "%.3f ± %.3f", c.mean(), c.std());
    }

    static Double nullable(double v) {
        return Double.isNaN(v) ? null : v;
    }

    static String slug(String label) {
        return label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]+", "-").replaceAll("^-+|-+$", "");
    }
}
