package org.mla4j.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PairwiseCcaTest {

    private static RowMatrix random(int n, int d, Random random) {
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextGaussian();
        }
        return RowMatrix.of(x, n, d);
    }

    @Test
    void pairsAreLexicographic() {
        assertThat(PairwiseCca.pairs(4)).containsExactly(new int[] {0, 1}, new int[] {0, 2}, new int[] {0, 3},
                new int[] {1, 2}, new int[] {1, 3}, new int[] {2, 3});
        assertThatThrownBy(() -> PairwiseCca.pairs(1)).hasMessageContaining("at least 2 modalities, got 1");
    }

    @Test
    void featuresConcatenateEveryPairsTwoProjectionsInOrder() {
        Random random = new Random(4);
        int n = 300;
        // three views sharing one latent, so every pair has a clear leading correlation
        double[][] views = new double[3][];
        int[] dims = {4, 3, 5};
        for (int v = 0; v < 3; v++) {
            views[v] = new double[n * dims[v]];
        }
        for (int i = 0; i < n; i++) {
            double shared = random.nextGaussian();
            for (int v = 0; v < 3; v++) {
                for (int j = 0; j < dims[v]; j++) {
                    views[v][i * dims[v] + j] = random.nextGaussian() + (j == 0 ? 2 * shared : 0);
                }
            }
        }
        List<RowMatrix> x = List.of(RowMatrix.of(views[0], n, 4), RowMatrix.of(views[1], n, 3), RowMatrix.of(views[2], n, 5));
        // different ridges for the first and second view of a pair: a view is whitened once per role
        LinearCca cca = new LinearCca(2, 1e-4, 0.05);
        PairwiseCca model = PairwiseCca.fit(x, cca);
        assertThat(model.featureDim()).isEqualTo(12);
        double[] features = model.transform(x);
        assertThat(features).hasSize(n * 12);

        List<int[]> pairs = PairwiseCca.pairs(3);
        for (int p = 0; p < 3; p++) {
            int a = pairs.get(p)[0];
            int b = pairs.get(p)[1];
            CcaFit alone = cca.fit(x.get(a), x.get(b));
            assertThat(model.pairFit(p).correlations()).containsExactly(alone.correlations(), within(1e-12));
            double[] za = alone.transform(0, x.get(a));
            double[] zb = alone.transform(1, x.get(b));
            for (int i = 0; i < n; i += 37) {
                for (int c = 0; c < 2; c++) {
                    assertThat(features[i * 12 + 4 * p + c]).isCloseTo(za[i * 2 + c], within(1e-10));
                    assertThat(features[i * 12 + 4 * p + 2 + c]).isCloseTo(zb[i * 2 + c], within(1e-10));
                }
            }
            assertThat(model.pairFit(p).correlations()[0]).isGreaterThan(0.6);
        }
    }

    @Test
    void rejectsViewsOfDifferentLengthsOrCount() {
        Random random = new Random(5);
        List<RowMatrix> x = List.of(random(20, 2, random), random(20, 2, random), random(20, 2, random));
        PairwiseCca model = PairwiseCca.fit(x, new LinearCca(1));
        assertThatThrownBy(() -> model.transform(x.subList(0, 2))).hasMessageContaining("expected 3 views, got 2");
        assertThatThrownBy(() -> PairwiseCca.fit(List.of(x.get(0), random(19, 2, random)), new LinearCca(1)))
                .hasMessageContaining("20 rows in view 0 and 19 in view 1");
    }
}
