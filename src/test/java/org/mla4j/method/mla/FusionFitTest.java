package org.mla4j.method.mla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Temperature and weight fits of MLA's validation-fitted fusion against hand-computed optima. */
class FusionFitTest {
    private static final boolean T = true;
    private static final boolean F = false;

    /**
     * Two classes, every sample scored (1, 0): a fraction r has label 0. With p₀ = σ(c) and smoothed
     * targets the optimum is σ(c) = mean q₀ = (1 − ε)·r + ε/2, ε = 1/(n + 1).
     */
    @Test
    void temperatureMatchesTheClosedFormOptimum() {
        float[][] logits = {{1, 0, 1, 0, 1, 0, 1, 0}};
        boolean[][] present = {{T, T, T, T}};
        int[] labels = {0, 0, 0, 1}; // r = 3/4, n = 4, ε = 1/5: mean q₀ = 0.8·0.75 + 0.1 = 0.7
        double[] c = FusionFit.temperatures(logits, present, labels, 4, 2);
        assertThat(c[0]).isCloseTo(Math.log(0.7 / 0.3), within(1e-8));
    }

    @Test
    void aPerfectlySeparatedValidationSplitGivesAFiniteScale() {
        float[][] logits = {{1, 0, 1, 0, 1, 0, 1, 0}};
        boolean[][] present = {{T, T, T, T}};
        int[] labels = {0, 0, 0, 0}; // mean q₀ = 1 − ε/2 = 0.9: c = ln 9 (plain likelihood: c → ∞)
        assertThat(FusionFit.temperatures(logits, present, labels, 4, 2)[0]).isCloseTo(Math.log(9), within(1e-8));
    }

    @Test
    void temperaturesCountOnlySamplesThatHaveTheModality() {
        // modality 0 is present in samples 0–3 only; sample 4's (wrong) score must not count
        float[][] logits = {{1, 0, 1, 0, 1, 0, 1, 0, 5, 0}, {0, 1, 0, 1, 0, 1, 0, 1, 0, 1}};
        boolean[][] present = {{T, T, T, T, F}, {T, T, T, T, T}};
        int[] labels = {0, 0, 0, 1, 1};
        double[] c = FusionFit.temperatures(logits, present, labels, 5, 2);
        assertThat(c[0]).isCloseTo(Math.log(0.7 / 0.3), within(1e-8));
        // modality 1 scores (0, 1) on all 5 samples, 2 of them label 1: ε = 1/6, mean q₁ = (5/6)·(2/5) + 1/12
        // = 5/12 < 1/2, so the unconstrained optimum ln(5/7) is negative; a scale stops at 0
        assertThat(c[1]).isEqualTo(0.0);
    }

    @Test
    void jointWeightsForTheMean() {
        // modality 0 as in the closed-form case; modality 1 carries nothing (all-zero logits): the mean
        // is (c₀ f₀ + c₁·0)/2, so c₀/2 takes the single-modality optimum and c₁ keeps its start value 1
        float[][] logits = {{1, 0, 1, 0, 1, 0, 1, 0}, new float[8]};
        boolean[][] present = {{T, T, T, T}, {T, T, T, T}};
        int[] labels = {0, 0, 0, 1};
        double[] c = FusionFit.weights(logits, present, labels, 4, 2);
        assertThat(c[0]).isCloseTo(2 * Math.log(0.7 / 0.3), within(1e-7));
        assertThat(c[1]).isEqualTo(1.0);
    }

    @Test
    void analyticGradientAndHessianMatchFiniteDifferences() {
        Random random = new Random(4);
        int n = 30;
        int classes = 5;
        int dims = 3;
        float[][] f = new float[dims][n * classes];
        double[][] a = new double[dims][n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextInt(classes);
            for (int m = 0; m < dims; m++) {
                a[m][i] = random.nextDouble() < 0.8 ? 1.0 / dims : 0;
                for (int k = 0; k < classes; k++) {
                    f[m][i * classes + k] = (float) (random.nextGaussian() * 2 + (k == labels[i] ? 1 : 0));
                }
            }
        }
        double[] c = {0.7, 1.3, 0.4};
        double[] g = new double[dims];
        double[][] h = new double[dims][dims];
        FusionFit.objective(c, f, a, labels, n, classes, g, h);
        double step = 1e-5;
        for (int m = 0; m < dims; m++) {
            double[] up = c.clone();
            double[] down = c.clone();
            up[m] += step;
            down[m] -= step;
            double[] gu = new double[dims];
            double[] gd = new double[dims];
            double vu = FusionFit.objective(up, f, a, labels, n, classes, gu, new double[dims][dims]);
            double vd = FusionFit.objective(down, f, a, labels, n, classes, gd, new double[dims][dims]);
            assertThat(g[m]).isCloseTo((vu - vd) / (2 * step), within(1e-6));
            for (int q = 0; q < dims; q++) {
                assertThat(h[q][m]).isCloseTo((gu[q] - gd[q]) / (2 * step), within(1e-5));
            }
        }
        // the fit reaches a stationary point of the box-constrained problem
        double[] fitted = FusionFit.minimise(f, a, labels, n, classes);
        FusionFit.objective(fitted, f, a, labels, n, classes, g, h);
        for (int m = 0; m < dims; m++) {
            if (fitted[m] > 0 && fitted[m] < FusionFit.MAX_SCALE) {
                assertThat(g[m]).isCloseTo(0, within(1e-8));
            }
        }
    }

    @Test
    void newtonDirectionSolvesTheFreeBlock() {
        double[][] h = {{4, 1, 9}, {1, 3, 9}, {9, 9, 9}};
        double[] g = {1, 2, 5};
        double[] d = FusionFit.newtonDirection(h, g, new boolean[] {true, true, false});
        // [[4, 1], [1, 3]] d = −(1, 2): d = (−1/11, −7/11)
        assertThat(d).containsExactly(new double[] {-1.0 / 11, -7.0 / 11, 0}, within(1e-12));
        // a zero row (a modality without information) is solved with a small ridge: no step along it
        double[] ridged = FusionFit.newtonDirection(new double[][] {{2, 0}, {0, 0}}, new double[] {1, 0},
                new boolean[] {true, true});
        assertThat(ridged).containsExactly(new double[] {-0.5, 0}, within(1e-8));
    }
}
