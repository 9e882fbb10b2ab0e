package org.mla4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Two-component PCA on small point sets with known answers. */
class PcaTest {

    @Test
    void pointsOnALineHaveOneComponent() {
        // x = t·(3, 4)/5 for t = −2..2: all variance along (0.6, 0.8)
        float[][] rows = new float[5][];
        for (int t = -2; t <= 2; t++) {
            rows[t + 2] = new float[] {0.6f * t + 1, 0.8f * t - 1};
        }
        Pca.Fit fit = Pca.fit(rows, 2);
        assertThat(fit.mean()).containsExactly(new double[] {1, -1}, within(1e-6));
        assertThat(fit.components()[0]).containsExactly(new double[] {0.6, 0.8}, within(1e-6));
        assertThat(fit.explainedVariance()[0]).isCloseTo(2.0, within(1e-6)); // (4+1+0+1+4)/5
        assertThat(fit.explainedRatio(0)).isCloseTo(1.0, within(1e-6));
        assertThat(fit.explainedVariance()[1]).isCloseTo(0.0, within(1e-6));
        double[][] xy = fit.project(rows);
        for (int t = -2; t <= 2; t++) {
            assertThat(xy[t + 2][0]).isCloseTo(t, within(1e-6));
        }
    }

    @Test
    void axisAlignedSpreadGivesTheAxesInOrderOfVariance() {
        float[][] rows = {{0, 3, 0}, {0, -3, 0}, {1, 0, 0}, {-1, 0, 0}};
        Pca.Fit fit = Pca.fit(rows, 2);
        assertThat(fit.components()[0]).containsExactly(new double[] {0, 1, 0}, within(1e-9));
        assertThat(fit.components()[1]).containsExactly(new double[] {1, 0, 0}, within(1e-9));
        assertThat(fit.explainedVariance()).containsExactly(new double[] {4.5, 0.5}, within(1e-9));
        assertThat(fit.totalVariance()).isCloseTo(5.0, within(1e-9));
    }

    @Test
    void deterministic() {
        float[][] rows = new float[50][8];
        java.util.Random r = new java.util.Random(1);
        for (float[] row : rows) {
            for (int j = 0; j < row.length; j++) {
                row[j] = (float) r.nextGaussian() * (j + 1);
            }
        }
        Pca.Fit a = Pca.fit(rows, 2);
        Pca.Fit b = Pca.fit(rows, 2);
        assertThat(a.components()[0]).containsExactly(b.components()[0]);
        double dot = 0;
        for (int j = 0; j < 8; j++) {
            dot += a.components()[0][j] * a.components()[1][j];
        }
        assertThat(dot).isCloseTo(0, within(1e-6));
    }
}
