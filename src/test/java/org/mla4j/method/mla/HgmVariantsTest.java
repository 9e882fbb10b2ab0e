package org.mla4j.method.mla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mla4j.method.mla.HeadGradientProjector.Rule;

/** HGM's forgetting factor, leak, α scaled with the feature norm and the reset (issue 15). */
class HgmVariantsTest {

    @Test
    void forgettingFactorMatchesHandComputedValues() {
        // h = (1, 2), α = 1, λ = 0.5: k = h, hᵀk = 5, P = (I − h hᵀ/(0.5 + 5))/0.5
        //   = [[2 − 2/5.5, −4/5.5], [−4/5.5, 2 − 8/5.5]], which is (λ I + h hᵀ/α)⁻¹ = [[1.5, 2], [2, 4.5]]⁻¹
        try (NDManager m = NDManager.newBaseManager();
             HeadGradientProjector hgm = new HeadGradientProjector(m, 2, new Rule(1.0, 0.5, 0, false))) {
            hgm.update(new double[] {1, 2});
            assertThat(hgm.matrix()).containsExactly(new double[] {2 - 2 / 5.5, -4 / 5.5, -4 / 5.5, 2 - 8 / 5.5},
                    within(1e-12));
            assertThat(hgm.matrix()).containsExactly(new double[] {4.5 / 2.75, -2 / 2.75, -2 / 2.75, 1.5 / 2.75},
                    within(1e-12));
        }
    }

    @Test
    void forgettingWithAlphaIsTheInverseOfTheDiscountedCorrelation() {
        // after n updates P = R⁻¹ with R = λⁿ I + Σᵢ λ^(n−i) hᵢ hᵢᵀ / α
        int d = 6;
        double lambda = 0.95;
        double alpha = 0.7;
        Random random = new Random(11);
        double[][] r = identity(d);
        try (NDManager m = NDManager.newBaseManager();
             HeadGradientProjector hgm = new HeadGradientProjector(m, d, new Rule(alpha, lambda, 0, false))) {
            for (int t = 0; t < 300; t++) {
                double[] h = new double[d];
                for (int i = 0; i < d; i++) {
                    h[i] = random.nextGaussian() + (i == 0 ? 1 : 0);
                }
                hgm.update(h);
                for (int i = 0; i < d; i++) {
                    for (int j = 0; j < d; j++) {
                        r[i][j] = lambda * r[i][j] + h[i] * h[j] / alpha;
                    }
                }
            }
            assertProductIsIdentity(hgm.matrix(), r, 1e-9);
        }
    }

    @Test
    void forgettingKeepsPSymmetricPositiveDefiniteOver100000Updates() {
        int d = 8;
        Random random = new Random(5);
        try (NDManager m = NDManager.newBaseManager();
             HeadGradientProjector hgm = new HeadGradientProjector(m, d, new Rule(1.0, 0.99, 0, false))) {
            for (int t = 0; t < 100_000; t++) {
                double[] h = new double[d];
                for (int i = 0; i < d; i++) {
                    h[i] = 0.3 * random.nextGaussian() + (i % 2 == 0 ? 0.5 : 0); // a large common direction, as ReLU means have
                }
                hgm.update(h);
            }
            double[] p = hgm.matrix();
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    assertThat(p[i * d + j]).isEqualTo(p[j * d + i]);
                }
            }
            double[] lower = cholesky(p, d);
            assertThat(lower).isNotNull(); // positive definite
            for (double v : p) {
                assertThat(v).isFinite();
            }
        }
    }

    @Test
    void forgettingWindsUpInADirectionTheFeaturesNoLongerExcite() {
        // every mean lies along e1: P₂₂ = λ⁻ⁿ, the head's gradient along e2 is amplified without bound
        try (NDManager m = NDManager.newBaseManager();
             HeadGradientProjector hgm = new HeadGradientProjector(m, 2, new Rule(1.0, 0.9, 0, false))) {
            for (int t = 0; t < 50; t++) {
                hgm.update(new double[] {1, 0});
            }
            assertThat(hgm.matrix()[3]).isCloseTo(Math.pow(0.9, -50), within(1e-6));
        }
    }

    @Test
    void leakMatchesHandComputedValues() {
        // h = (1, 2), α = 1: the RLS step gives I − h hᵀ/6; ρ = 0.5: P = 0.5 (I − h hᵀ/6) + 0.5 I
        try (NDManager m = NDManager.newBaseManager();
             HeadGradientProjector hgm = new HeadGradientProjector(m, 2, new Rule(1.0, 1.0, 0.5, false))) {
            hgm.update(new double[] {1, 2});
            assertThat(hgm.matrix()).containsExactly(new double[] {11.0 / 12, -1.0 / 6, -1.0 / 6, 2.0 / 3},
                    within(1e-12));
        }
    }

    @Test
    void leakKeepsPBetweenRhoTimesIdentityAndIdentityOver100000Updates() {
        int d = 8;
        double rho = 0.01;
        Random random = new Random(9);
        try (NDManager m = NDManager.newBaseManager();
             HeadGradientProjector hgm = new HeadGradientProjector(m, d, new Rule(1.0, 1.0, rho, false))) {
            for (int t = 0; t < 100_000; t++) {
                double[] h = new double[d];
                for (int i = 0; i < d; i++) {
                    // mostly one direction (no wind-up possible), sometimes a new one
                    h[i] = (i == 0 ? 2 : 0) + (t % 97 == 0 ? 3 * random.nextGaussian() : 0.05 * random.nextGaussian());
                }
                hgm.update(h);
            }
            double[] p = hgm.matrix();
            double[] belowIdentity = new double[d * d];
            double[] aboveRho = new double[d * d];
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    assertThat(p[i * d + j]).isEqualTo(p[j * d + i]);
                    double identity = i == j ? 1 : 0;
                    belowIdentity[i * d + j] = identity * (1 + 1e-12) - p[i * d + j];
                    aboveRho[i * d + j] = p[i * d + j] - identity * rho * (1 - 1e-9);
                }
            }
            assertThat(cholesky(belowIdentity, d)).as("I − P positive definite").isNotNull();
            assertThat(cholesky(aboveRho, d)).as("P − ρI positive definite").isNotNull();
            assertThat(p[0]).isLessThan(0.1); // the dominant direction is protected all the same
        }
    }

    @Test
    void lambdaOneIsThePapersRuleBitForBit() {
        Random random = new Random(2);
        try (NDManager m = NDManager.newBaseManager();
             HeadGradientProjector paper = new HeadGradientProjector(m, 5, 0.3);
             HeadGradientProjector general = new HeadGradientProjector(m, 5, new Rule(0.3, 1.0, 0, false))) {
            for (int t = 0; t < 50; t++) {
                double[] h = random.doubles(5).toArray();
                paper.update(h);
                general.update(h);
            }
            assertThat(general.matrix()).containsExactly(paper.matrix());
        }
    }

    @Test
    void alphaScaledWithTheFeatureNormShrinksByAFixedFactor() {
        // h = (1, 2), α = 1 → α_t = ‖h‖² = 5: P = I − h hᵀ/(5 + 5); along h: P h = h/2 whatever h's scale
        try (NDManager m = NDManager.newBaseManager();
             HeadGradientProjector hgm = new HeadGradientProjector(m, 2, new Rule(1.0, 1.0, 0, true));
             HeadGradientProjector scaled = new HeadGradientProjector(m, 2, new Rule(1.0, 1.0, 0, true))) {
            hgm.update(new double[] {1, 2});
            assertThat(hgm.matrix()).containsExactly(new double[] {1 - 0.1, -0.2, -0.2, 1 - 0.4}, within(1e-12));
            scaled.update(new double[] {100, 200});
            assertThat(scaled.matrix()).containsExactly(hgm.matrix(), within(1e-12));
            scaled.update(new double[] {0, 0}); // a zero mean changes nothing (α_t would be 0)
            assertThat(scaled.matrix()).containsExactly(hgm.matrix(), within(1e-12));
        }
    }

    @Test
    void resetPutsTheIdentityBack() {
        try (NDManager m = NDManager.newBaseManager();
             HeadGradientProjector hgm = new HeadGradientProjector(m, 3, 1.0)) {
            hgm.update(new double[] {1, 2, 3});
            hgm.reset();
            assertThat(hgm.matrix()).containsExactly(1, 0, 0, 0, 1, 0, 0, 0, 1);
            float[] g = hgm.project(m.create(new float[] {1, 2, 3}, new ai.djl.ndarray.types.Shape(1, 3))).toFloatArray();
            assertThat(g).containsExactly(1, 2, 3); // the engine copy follows
        }
    }

    @Test
    void forgettingOutsideTheUnitIntervalIsRefused() {
        try (NDManager m = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> new HeadGradientProjector(m, 2, new Rule(1.0, 1.5, 0, false)))
                    .hasMessageContaining("forgetting factor");
            assertThatThrownBy(() -> new HeadGradientProjector(m, 2, new Rule(1.0, 0, 0, false)))
                    .hasMessageContaining("forgetting factor");
            assertThatThrownBy(() -> new HeadGradientProjector(m, 2, new Rule(1.0, 1, 1, false)))
                    .hasMessageContaining("leak");
        }
    }

    private static double[][] identity(int d) {
        double[][] a = new double[d][d];
        for (int i = 0; i < d; i++) {
            a[i][i] = 1;
        }
        return a;
    }

    private static void assertProductIsIdentity(double[] p, double[][] r, double tolerance) {
        int d = r.length;
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double v = 0;
                for (int k = 0; k < d; k++) {
                    v += p[i * d + k] * r[k][j];
                }
                assertThat(v).isCloseTo(i == j ? 1.0 : 0.0, within(tolerance));
            }
        }
    }

    /** The Cholesky factor of a d×d row-major matrix, or null if it is not positive definite. */
    static double[] cholesky(double[] a, int d) {
        double[] l = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i * d + j];
                for (int k = 0; k < j; k++) {
                    s -= l[i * d + k] * l[j * d + k];
                }
                if (i == j) {
                    if (!(s > 0)) {
                        return null;
                    }
                    l[i * d + i] = Math.sqrt(s);
                } else {
                    l[i * d + j] = s / l[j * d + j];
                }
            }
        }
        return l;
    }
}
