package org.mla4j.linalg;

import java.util.Random;

/**
 * Two views with known population canonical correlations: latent pairs (u_c, v_c) with
 * corr(u_c, v_c) = ρ_c for c &lt; L, independent standard-normal noise dimensions after them, then each view's
 * latent vector mapped by a fixed invertible matrix (I + 0.3·G/√d, G Gaussian) and shifted by an offset.
 * An invertible linear map of each view does not change canonical correlations, so the population values are
 * ρ_1, …, ρ_L followed by zeros.
 */
final class CorrelatedViews {
    final int n;
    final int d1;
    final int d2;
    final double[] x1;
    final double[] x2;

    CorrelatedViews(int n, int d1, int d2, double[] rho, long seed) {
        this.n = n;
        this.d1 = d1;
        this.d2 = d2;
        Random random = new Random(seed);
        double[] m1 = mixing(d1, random);
        double[] m2 = mixing(d2, random);
        x1 = new double[n * d1];
        x2 = new double[n * d2];
        double[] u = new double[d1];
        double[] v = new double[d2];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d1; j++) {
                u[j] = random.nextGaussian();
            }
            for (int j = 0; j < d2; j++) {
                v[j] = random.nextGaussian();
            }
            for (int c = 0; c < rho.length; c++) {
                v[c] = rho[c] * u[c] + Math.sqrt(1 - rho[c] * rho[c]) * v[c];
            }
            map(m1, u, x1, i, 3.0);
            map(m2, v, x2, i, -2.0);
        }
    }

    RowMatrix view1() {
        return RowMatrix.of(x1, n, d1);
    }

    RowMatrix view2() {
        return RowMatrix.of(x2, n, d2);
    }

    private static double[] mixing(int d, Random random) {
        double[] m = new double[d * d];
        for (int r = 0; r < d; r++) {
            for (int c = 0; c < d; c++) {
                m[r * d + c] = (r == c ? 1 : 0) + 0.3 * random.nextGaussian() / Math.sqrt(d);
            }
        }
        return m;
    }

    private static void map(double[] m, double[] latent, double[] out, int row, double offset) {
        int d = latent.length;
        for (int r = 0; r < d; r++) {
            double s = offset;
            for (int c = 0; c < d; c++) {
                s += m[r * d + c] * latent[c];
            }
            out[row * d + r] = s;
        }
    }
}
