package org.mla4j.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MeanFillTest {
    // five rows of a 2-d modality; rows 0–3 are training rows, row 4 is a test row
    private static final float[] X = {1, 10, 3, 20, 100, 100, 5, 30, 7, 7};
    private static final boolean[] PRESENT = {true, true, false, true, false};
    private static final int[] TRAIN = {0, 1, 2, 3};

    @Test
    void meanUsesObservedTrainingRowsOnly() {
        // observed training rows 0, 1, 3: ((1 + 3 + 5)/3, (10 + 20 + 30)/3); row 2 (missing) and row 4 (test) are ignored
        assertThat(MeanFill.observedMean(X, 2, PRESENT, TRAIN)).containsExactly(new double[] {3, 20}, within(1e-12));
        // a present test row does not enter either
        boolean[] testPresent = {true, true, false, true, true};
        assertThat(MeanFill.observedMean(X, 2, testPresent, TRAIN)).containsExactly(new double[] {3, 20}, within(1e-12));
    }

    @Test
    void fillReplacesEveryMissingRowAndNothingElse() {
        float[] filled = MeanFill.fill(X, 2, PRESENT, new double[] {3, 20});
        assertThat(filled).containsExactly(1, 10, 3, 20, 3, 20, 5, 30, 3, 20);
        assertThat(X[4]).isEqualTo(100f);
    }

    @Test
    void noObservedTrainingRowIsAnError() {
        assertThatThrownBy(() -> MeanFill.observedMean(X, 2, new boolean[5], TRAIN))
                .hasMessageContaining("no training row observes this modality");
        assertThatThrownBy(() -> MeanFill.fill(X, 2, PRESENT, new double[3])).hasMessageContaining("mean of length 2");
        assertThatThrownBy(() -> MeanFill.fill(X, 3, PRESENT, new double[3])).hasMessageContaining("5 × 3");
    }
}
