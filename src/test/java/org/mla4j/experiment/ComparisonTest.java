package org.mla4j.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Mean ± sample std per method and column, best marked, in three formats. */
class ComparisonTest {
    private static RunSummary run(String method, long seed, double fused, double a, double b) {
        return new RunSummary(method, seed, 3, fused, fused - 0.01, Map.of("a", a, "b", b));
    }

    private final Comparison comparison = Comparison.of(List.of("x", "y", "z"), List.of("a", "b"), List.of(
            run("x", 0, 0.90, 0.50, 0.40), run("x", 1, 0.94, 0.70, 0.40), run("x", 2, 0.92, 0.60, 0.40),
            run("y", 1, 0.95, 0.55, 0.45), run("y", 0, 0.93, 0.55, 0.35)));

    @Test
    void meanAndSampleStandardDeviation() {
        Comparison.Row x = comparison.rows().get(0);
        assertThat(x.cells().get("fused").mean()).isCloseTo(0.92, within(1e-12));
        assertThat(x.cells().get("fused").std()).isCloseTo(0.02, within(1e-12)); // sqrt((0.02²+0.02²)/2)
        assertThat(x.cells().get("a").std()).isCloseTo(0.1, within(1e-12));
        assertThat(x.cells().get("b").std()).isCloseTo(0, within(1e-12));
        Comparison.Row y = comparison.rows().get(1);
        assertThat(y.seeds()).containsExactly(0L, 1L);
        assertThat(y.cells().get("b").std()).isCloseTo(Math.sqrt(0.005), within(1e-12));
        assertThat(comparison.rows().get(2).cells().get("fused").count()).isZero();
    }

    @Test
    void bestPerColumnIsMarked() {
        List<Comparison.Row> rows = comparison.rows();
        assertThat(comparison.isBest(rows.get(1), "fused")).isTrue();  // 0.94 > 0.92
        assertThat(comparison.isBest(rows.get(0), "fused")).isFalse();
        assertThat(comparison.isBest(rows.get(0), "a")).isTrue();      // 0.60 > 0.55
        assertThat(comparison.isBest(rows.get(0), "b")).isTrue();      // 0.40 = 0.40: ties are all marked
        assertThat(comparison.isBest(rows.get(1), "b")).isTrue();
        assertThat(comparison.isBest(rows.get(2), "a")).isFalse();     // no runs
    }

    @Test
    void rendersMarkdownCsvAndJson() {
        String md = comparison.markdown();
        assertThat(md).contains("| method | a | b | fused (best-val epoch) | fused (last epoch) | seeds | sel. epochs |");
        assertThat(md).contains("| x | 60.0 ± 10.0 * | 40.0 ± 0.0 * | 92.0 ± 2.0 | 91.0 ± 2.0 | 3 | 3,3,3 |");
        assertThat(md).contains("| z | – | – | – | – | 0 |  |");
        String[] csv = comparison.csv().split("\n");
        assertThat(csv[0]).startsWith("method,seeds,a_mean,a_std,a_best,b_mean");
        assertThat(csv[2]).startsWith("y,2,0.55");
        Map<String, Object> json = comparison.json();
        assertThat(json.get("columns")).isEqualTo(List.of("a", "b", "fused", "fused_last_epoch"));
    }

    @Test
    void singleSeedHasNoStandardDeviation() {
        Comparison one = Comparison.of(List.of("x"), List.of("a", "b"), List.of(run("x", 0, 0.9, 0.5, 0.4)));
        assertThat(one.rows().get(0).cells().get("fused").std()).isNaN();
        assertThat(one.markdown()).contains("| x | 50.0 * | 40.0 * | 90.0 * |");
    }
}
