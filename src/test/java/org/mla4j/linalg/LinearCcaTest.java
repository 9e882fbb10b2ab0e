package org.mla4j.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LinearCcaTest {

    @Test
    void recoversKnownCanonicalCorrelations() {
        int n = 20_000;
        double[] rho = {0.9, 0.6};
        CorrelatedViews data = new CorrelatedViews(n, 6, 5, rho, 1);
        CcaFit fit = new LinearCca(3).fit(data.view1(), data.view2());
        double[] got = fit.correlations();
        // Sample canonical correlations of normal data have asymptotic sd (1 − ρ²)/√N (Anderson, ch. 12):
        // 0.0013 for ρ = 0.9 and 0.0045 for ρ = 0.6 at N = 20 000. Allow 4 sd plus (d1 + d2)/N for the upward
        // bias that fitting 11 dimensions adds; the ridge 1e-4 on unit-scale covariances moves them by ~1e-4.
        for (int c = 0; c < rho.length; c++) {
            double tol = 4 * (1 - rho[c] * rho[c]) / Math.sqrt(n) + 11.0 / n;
            assertThat(got[c]).as("ρ_%d", c + 1).isCloseTo(rho[c], within(tol));
        }
        // the third population correlation is 0: the largest sample one between independent 4- and 3-dim
        // blocks is of order (√4 + √3)/√N = 0.026
        assertThat(got[2]).isBetween(0.0, 0.06);
    }

    @Test
    void variatesAreWhitenedAndPairwiseCorrelatedByRho() {
        CorrelatedViews data = new CorrelatedViews(500, 4, 3, new double[] {0.8, 0.5}, 2);
        for (double ridge : new double[] {0.0, 1e-4, 0.05}) {
            CcaFit fit = new LinearCca(3, ridge, ridge).fit(data.view1(), data.view2());
            double[] z1 = fit.transform(0, data.view1());
            double[] z2 = fit.transform(1, data.view2());
            LinearProjection p1 = fit.projection(0);
            for (int a = 0; a < 3; a++) {
                for (int b = 0; b < 3; b++) {
                    // A1ᵀ(Σ11 + rI)A1 = I  ⇔  z1ᵀz1/(N−1) = I − r·A1ᵀA1 ;  A1ᵀΣ12A2 = diag(ρ)
                    double ata = 0;
                    for (int r = 0; r < 4; r++) {
                        ata += p1.weight(r, a) * p1.weight(r, b);
                    }
                    assertThat(covariance(z1, z1, a, b, 3, 500)).isCloseTo((a == b ? 1 : 0) - ridge * ata, within(1e-9));
                    double expected = a == b ? fit.correlations()[a] : 0;
                    assertThat(covariance(z1, z2, a, b, 3, 500)).isCloseTo(expected, within(1e-9));
                }
            }
        }
    }

    @Test
    void wideViewsTakeTheThreadedKernelsAndKeepTheIdentities() {
        // d ≥ 200 and N·d² ≥ 10⁷: products, eigendecompositions and the SVD take EJML's threaded code
        int n = 600;
        CorrelatedViews data = new CorrelatedViews(n, 220, 210, new double[] {0.95, 0.9}, 7);
        CcaFit fit = new LinearCca(4).fit(data.view1(), data.view2());
        double[] z1 = fit.transform(0, data.view1());
        double[] z2 = fit.transform(1, data.view2());
        double[] rho = fit.correlations();
        for (int a = 0; a < 4; a++) {
            assertThat(covariance(z1, z2, a, a, 4, n)).isCloseTo(rho[a], within(1e-8));
            assertThat(covariance(z1, z2, a, (a + 1) % 4, 4, n)).isCloseTo(0, within(1e-8));
        }
        assertThat(rho[0]).isGreaterThanOrEqualTo(rho[1]).isLessThan(1.0);
    }

    /**
     * Hand-worked case, view 1 two-dimensional, view 2 one-dimensional, four samples:
     * <pre>
     *   x1 = (1,2) (2,0) (3,0) (4,2)   mean (2.5, 1) → centred columns c = (−1.5,−0.5,0.5,1.5), v = (1,−1,−1,1)
     *   x2 = 10, 7, 11, 12             mean 10      → centred y = (0,−3,1,2) = c + v + e/2, e = (1,−3,3,−1)
     * </pre>
     * c, v, e are mutually orthogonal with ‖c‖² = 5, ‖v‖² = 4, ‖e‖² = 20, so with N − 1 = 3:
     * Σ11 = diag(5, 4)/3, Σ12 = (c·y, v·y)/3 = (5, 4)/3, Σ22 = (5 + 4 + 5)/3 = 14/3.
     * One canonical pair: ρ² = Σ21 Σ11⁻¹ Σ12 / Σ22 = (5/3 + 4/3)/(14/3) = 9/14, ρ = 0.8017837…;
     * a1 ∝ Σ11⁻¹Σ12 = (1, 1), scaled to a1ᵀΣ11a1 = 1: a1 = (1, 1)/√3; a2 = Σ22^{-1/2} = √(3/14).
     * With a ridge r on both views: ρ² = ((5/3)²/(5/3 + r) + (4/3)²/(4/3 + r)) / (14/3 + r).
     */
    @Test
    void handWorkedTwoByOneCase() {
        double[] x1 = {1, 2, 2, 0, 3, 0, 4, 2};
        double[] x2 = {10, 7, 11, 12};
        CcaFit fit = new LinearCca(1, 0, 0).fit(RowMatrix.of(x1, 4, 2), RowMatrix.of(x2, 4, 1));
        assertThat(fit.correlations()[0]).isCloseTo(Math.sqrt(9.0 / 14), within(1e-12));
        assertThat(fit.projection(0).weights()).containsExactly(new double[] {1 / Math.sqrt(3), 1 / Math.sqrt(3)},
                within(1e-12));
        assertThat(fit.projection(1).weights()).containsExactly(new double[] {Math.sqrt(3.0 / 14)}, within(1e-12));
        assertThat(fit.projection(0).mean()).containsExactly(2.5, 1.0);
        assertThat(fit.transform(1, RowMatrix.of(new double[] {13}, 1, 1))).containsExactly(
                new double[] {3 * Math.sqrt(3.0 / 14)}, within(1e-12));

        double r = 0.1;
        double expected = Math.sqrt((25.0 / 9 / (5.0 / 3 + r) + 16.0 / 9 / (4.0 / 3 + r)) / (14.0 / 3 + r));
        CcaFit ridged = new LinearCca(1, r, r).fit(RowMatrix.of(x1, 4, 2), RowMatrix.of(x2, 4, 1));
        assertThat(ridged.correlations()[0]).isCloseTo(expected, within(1e-12));
    }

    @Test
    void fitsARowSubsetWithGivenMeans() {
        CorrelatedViews data = new CorrelatedViews(400, 3, 3, new double[] {0.7}, 3);
        int[] rows = new int[200];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = 2 * i + 1;
        }
        double[] sub1 = new double[200 * 3];
        double[] sub2 = new double[200 * 3];
        for (int i = 0; i < 200; i++) {
            System.arraycopy(data.x1, rows[i] * 3, sub1, i * 3, 3);
            System.arraycopy(data.x2, rows[i] * 3, sub2, i * 3, 3);
        }
        LinearCca cca = new LinearCca(2);
        CcaFit viaView = cca.fit(data.view1().select(rows), data.view2().select(rows));
        CcaFit copied = cca.fit(RowMatrix.of(sub1, 200, 3), RowMatrix.of(sub2, 200, 3));
        assertThat(viaView.correlations()).containsExactly(copied.correlations(), within(1e-12));
        assertThat(viaView.projection(1).weights()).containsExactly(copied.projection(1).weights(), within(1e-12));

        // other means move the centre (and hence the covariances) but are used as given
        double[] zero = {0, 0, 0};
        CcaFit uncentred = cca.fit(data.view1().select(rows), zero, data.view2().select(rows), zero);
        assertThat(uncentred.projection(0).mean()).containsExactly(zero);
        assertThat(uncentred.correlations()[0]).isNotCloseTo(viaView.correlations()[0], within(1e-3));
    }

    @Test
    void floatInputGivesTheSameFitAsDouble() {
        float[] f1 = {1, 2, 2, 0, 3, 0, 4, 2};
        float[] f2 = {10, 7, 11, 12};
        CcaFit fit = new LinearCca(1, 0, 0).fit(RowMatrix.of(f1, 4, 2), RowMatrix.of(f2, 4, 1));
        assertThat(fit.correlations()[0]).isCloseTo(Math.sqrt(9.0 / 14), within(1e-12));
    }

    @Test
    void badShapesSayWhatWasExpected() {
        RowMatrix a = RowMatrix.of(new double[12], 4, 3);
        RowMatrix b = RowMatrix.of(new double[10], 5, 2);
        assertThatThrownBy(() -> RowMatrix.of(new double[11], 4, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4 × 3").hasMessageContaining("got 11");
        assertThatThrownBy(() -> new LinearCca(1).fit(a, b))
                .hasMessageContaining("same samples").hasMessageContaining("4 rows").hasMessageContaining("5");
        assertThatThrownBy(() -> new LinearCca(3).fit(a, RowMatrix.of(new double[8], 4, 2)))
                .hasMessageContaining("k ≤ min(d1, d2) = 2").hasMessageContaining("k = 3");
        assertThatThrownBy(() -> new LinearCca(1).fit(a, new double[2], a, new double[3]))
                .hasMessageContaining("mean of length 3").hasMessageContaining("length 2");
        assertThatThrownBy(() -> new LinearCca(0)).hasMessageContaining("k = 0");
        assertThatThrownBy(() -> new LinearCca(1, -1, 0)).hasMessageContaining("ridge r1");
        assertThatThrownBy(() -> a.select(new int[] {0, 4})).hasMessageContaining("row index 4");
    }

    static double covariance(double[] za, double[] zb, int a, int b, int k, int n) {
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < n; i++) {
            ma += za[i * k + a];
            mb += zb[i * k + b];
        }
        ma /= n;
        mb /= n;
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += (za[i * k + a] - ma) * (zb[i * k + b] - mb);
        }
        return s / (n - 1);
    }
}
