package org.mla4j.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The first epoch that reaches a share of the best validation accuracy. */
class ConvergenceTableTest {
    @Test
    void theFirstEpochAtOrAboveTheThresholdShareOfTheBest() {
        double[] acc = {0.40, 0.80, 0.90, 0.95, 1.00, 0.97};
        assertThat(ConvergenceTable.firstReaching(acc, 0.95)).as("0.95 · 1.00 = 0.95, reached at index 3").isEqualTo(3);
        assertThat(ConvergenceTable.firstReaching(acc, 0.9)).as("0.90 reached at index 2").isEqualTo(2);
        assertThat(ConvergenceTable.firstReaching(acc, 1.0)).isEqualTo(4);
        assertThat(ConvergenceTable.firstReaching(new double[] {Double.NaN, 0.5, 0.6}, 0.8))
                .as("a NaN epoch never reaches; 0.8 · 0.6 = 0.48").isEqualTo(1);
    }
}
