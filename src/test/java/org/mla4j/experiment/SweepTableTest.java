package org.mla4j.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class SweepTableTest {

    @Test
    void aggregatesMeanAndSampleStdPerSeriesAndX() {
        SweepTable t = SweepTable.of("η", List.of("mla", "late"), List.of(
                new SweepTable.Point("mla", 0.1, 0.90), new SweepTable.Point("mla", 0.1, 0.94),
                new SweepTable.Point("mla", 0.3, 0.80),
                new SweepTable.Point("late", 0.3, 0.70), new SweepTable.Point("late", 0.3, 0.72),
                new SweepTable.Point("late", 0.3, 0.74)));
        assertThat(t.series()).containsExactly("mla", "late");
        assertThat(t.xs()).containsExactly(0.1, 0.3);
        assertThat(t.cell("mla", 0.1).mean()).isCloseTo(0.92, within(1e-12));
        assertThat(t.cell("mla", 0.1).std()).isCloseTo(Math.sqrt(0.0008), within(1e-12)); // ((.02)²+(.02)²)/(2−1)
        assertThat(t.cell("late", 0.3).std()).isCloseTo(0.02, within(1e-12));
        assertThat(t.cell("mla", 0.3).std()).isNaN(); // one run: no spread
        assertThat(t.cell("late", 0.1)).isNull();
        assertThat(t.markdown()).contains("| mla | 92.0 ± 2.8 | 80.0 |").contains("| late | – | 72.0 ± 2.0 |");
        assertThat(t.csv()).contains("late,0.3,0.72");
    }
}
