package org.mla4j.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class DccaCorrelationTest {

    /** m × o outputs: a shared part of strength {@code shared} plus independent noise, off-centre. */
    private static double[][] outputs(int m, int[] widths, double shared, long seed) {
        Random random = new Random(seed);
        double[][] h = new double[widths.length][];
        for (int v = 0; v < widths.length; v++) {
            h[v] = new double[m * widths[v]];
        }
        for (int i = 0; i < m; i++) {
            double[] z = {random.nextGaussian(), random.nextGaussian(), random.nextGaussian(), random.nextGaussian()};
            for (int v = 0; v < widths.length; v++) {
                for (int j = 0; j < widths[v]; j++) {
                    h[v][i * widths[v] + j] = 0.7 * v + j + shared * z[j % 4] * (1 + 0.3 * j) + random.nextGaussian();
                }
            }
        }
        return h;
    }

    @Test
    void onLinearNetworksItIsLinearCcasTotalCorrelation() {
        int m = 200;
        int o = 4;
        double[][] h = outputs(m, new int[] {o, o}, 0.8, 1);
        RowMatrix h1 = RowMatrix.of(h[0], m, o);
        RowMatrix h2 = RowMatrix.of(h[1], m, o);
        double r = DccaCorrelation.DEFAULT_RIDGE;
        double dcca = new DccaCorrelation(r, r).evaluate(h1, h2).correlation();
        double cca = new LinearCca(o, r, r).fit(h1, h2).totalCorrelation();
        assertThat(dcca).isCloseTo(cca, within(1e-12));
        assertThat(dcca).isBetween(1.0, (double) o);
    }

    /** One output per view: corr = |cov12| / √((var1 + r)(var2 + r)), written out by hand. */
    @Test
    void oneDimensionalOutputsGiveTheRidgedPearsonCorrelation() {
        double[] a = {1, 4, 2, 8, 5};
        double[] b = {2, 3, 1, 9, 4};
        // means 4 and 3.8; centred a = (−3, 0, −2, 4, 1), b = (−1.8, −0.8, −2.8, 5.2, 0.2)
        // Σ a² = 30, Σ b² = 38.8, Σ ab = 5.4 + 0 + 5.6 + 20.8 + 0.2 = 32; divide by m − 1 = 4
        double r = 0.5;
        double expected = (32.0 / 4) / Math.sqrt((30.0 / 4 + r) * (38.8 / 4 + r));
        DccaCorrelation.Result result = new DccaCorrelation(r, r).evaluate(RowMatrix.of(a, 5, 1), RowMatrix.of(b, 5, 1));
        assertThat(result.correlation()).isCloseTo(expected, within(1e-14));
    }

    @Test
    void gradientMatchesCentralDifferences() {
        int m = 40;
        for (int[] widths : new int[][] {{3, 3}, {3, 2}}) {
            double[][] h = outputs(m, widths, 0.6, 2);
            DccaCorrelation dcca = new DccaCorrelation();
            DccaCorrelation.Result result = dcca.evaluate(RowMatrix.of(h[0], m, widths[0]), RowMatrix.of(h[1], m, widths[1]));
            ToDoubleFunction<double[][]> f = x -> dcca.evaluate(RowMatrix.of(x[0], m, widths[0]),
                    RowMatrix.of(x[1], m, widths[1])).correlation();
            assertClose(result.gradient1(), numeric(f, h, 0));
            assertClose(result.gradient2(), numeric(f, h, 1));
        }
    }

    @Test
    void threeModalityLossGradientMatchesCentralDifferences() {
        int m = 30;
        int[] widths = {3, 2, 4};
        double[][] h = outputs(m, widths, 0.7, 3);
        PairwiseDccaLoss loss = new PairwiseDccaLoss();
        ToDoubleFunction<double[][]> f = x -> loss.evaluate(views(x, m, widths)).loss();
        PairwiseDccaLoss.Result result = loss.evaluate(views(h, m, widths));

        double sum = 0;
        List<int[]> pairs = PairwiseCca.pairs(3);
        for (int p = 0; p < 3; p++) {
            int i = pairs.get(p)[0];
            int j = pairs.get(p)[1];
            double alone = new DccaCorrelation().evaluate(RowMatrix.of(h[i], m, widths[i]), RowMatrix.of(h[j], m, widths[j]))
                    .correlation();
            assertThat(result.pairCorrelations()[p]).isCloseTo(alone, within(1e-12));
            sum += alone;
        }
        assertThat(result.loss()).isCloseTo(-sum, within(1e-12));
        for (int v = 0; v < 3; v++) {
            assertClose(result.gradients()[v], numeric(f, h, v));
        }
    }

    @Test
    void gradientIgnoresAShiftOfTheBatch() {
        // corr is invariant to adding a constant row to H, so each gradient column sums to zero
        int m = 25;
        double[][] h = outputs(m, new int[] {3, 3}, 0.5, 4);
        DccaCorrelation.Result result = new DccaCorrelation().evaluate(RowMatrix.of(h[0], m, 3), RowMatrix.of(h[1], m, 3));
        for (double[] g : new double[][] {result.gradient1(), result.gradient2()}) {
            for (int j = 0; j < 3; j++) {
                double s = 0;
                for (int i = 0; i < m; i++) {
                    s += g[i * 3 + j];
                }
                assertThat(s).isCloseTo(0, within(1e-12));
            }
        }
    }

    @Test
    void badInputSaysWhatWasExpected() {
        RowMatrix a = RowMatrix.of(new double[6], 3, 2);
        assertThatThrownBy(() -> new DccaCorrelation().evaluate(a, RowMatrix.of(new double[8], 4, 2)))
                .hasMessageContaining("3 rows in H1 and 4 in H2");
        assertThatThrownBy(() -> new DccaCorrelation().evaluate(RowMatrix.of(new double[2], 1, 2), RowMatrix.of(new double[2], 1, 2)))
                .hasMessageContaining("at least 2 samples").hasMessageContaining("got 1");
        assertThatThrownBy(() -> new PairwiseDccaLoss().evaluate(List.of(a))).hasMessageContaining("at least 2 modalities, got 1");
        assertThatThrownBy(() -> new DccaCorrelation(Double.NaN, 0)).hasMessageContaining("ridge");
    }

    private static List<RowMatrix> views(double[][] h, int m, int[] widths) {
        List<RowMatrix> list = new ArrayList<>();
        for (int v = 0; v < h.length; v++) {
            list.add(RowMatrix.of(h[v], m, widths[v]));
        }
        return list;
    }

    /** ∂f/∂h[view] by central differences, step 1e-6: truncation ~1e-12, rounding ~1e-10 against entries of order 1/m. */
    private static double[] numeric(ToDoubleFunction<double[][]> f, double[][] h, int view) {
        double eps = 1e-6;
        double[] g = new double[h[view].length];
        for (int i = 0; i < g.length; i++) {
            double keep = h[view][i];
            h[view][i] = keep + eps;
            double up = f.applyAsDouble(h);
            h[view][i] = keep - eps;
            double down = f.applyAsDouble(h);
            h[view][i] = keep;
            g[i] = (up - down) / (2 * eps);
        }
        return g;
    }

    private static void assertClose(double[] analytic, double[] numeric) {
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < analytic.length; i++) {
            diff += (analytic[i] - numeric[i]) * (analytic[i] - numeric[i]);
            norm += numeric[i] * numeric[i];
        }
        assertThat(norm).isGreaterThan(0);
        assertThat(Math.sqrt(diff / norm)).as("relative error").isLessThan(1e-6);
    }
}
