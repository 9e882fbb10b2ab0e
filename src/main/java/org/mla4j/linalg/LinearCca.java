package org.mla4j.linalg;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Linear canonical correlation analysis of two views in closed form (Hotelling 1936; spec
 * MISSING-BASELINES §1), all in float64:
 * <pre>
 *   H̄_i = X_i − 1μ_iᵀ                                   (N × d_i, rows are samples)
 *   Σ11 = H̄1ᵀH̄1/(N−1) + r1·I,  Σ22 = H̄2ᵀH̄2/(N−1) + r2·I,  Σ12 = H̄1ᵀH̄2/(N−1)
 *   T   = Σ11^{-1/2} Σ12 Σ22^{-1/2}                      (inverse roots by symmetric eigendecomposition,
 *                                                         eigenvalues clamped to ≥ 1e-9)
 *   T   = U S Wᵀ                                         (SVD, S descending)
 *   A1  = Σ11^{-1/2} U[:, :k],  A2 = Σ22^{-1/2} W[:, :k],  ρ = S[:k]
 *   z_i = (x_i − μ_i) A_i
 * </pre>
 * The ridge defaults to r1 = r2 = {@value #DEFAULT_RIDGE} (GCNet's value for raw features). Signs are made
 * deterministic: each pair (column c of A1, column c of A2) is flipped together so that the entry of
 * largest magnitude in column c of A1 is positive (the first such entry on ties).
 *
 * <p>At N = 3000 and d1 = d2 = 1024 a fit takes seconds (measured by {@code org.mla4j.bench.CcaFitTime};
 * see docs/methods.md, "cca").
 */
public final class LinearCca {
    /** The default ridge r1 = r2 for raw features. */
    public static final double DEFAULT_RIDGE = 1e-4;

    private final int k;
    private final double ridge1;
    private final double ridge2;

    /** k canonical pairs with the default ridge on both views. */
    public LinearCca(int k) {
        this(k, DEFAULT_RIDGE, DEFAULT_RIDGE);
    }

    /** k canonical pairs with ridges r1, r2 (finite, ≥ 0). */
    public LinearCca(int k, double ridge1, double ridge2) {
        if (k < 1) {
            throw new IllegalArgumentException("expected at least 1 canonical pair, got k = " + k);
        }
        checkRidge("r1", ridge1);
        checkRidge("r2", ridge2);
        this.k = k;
        this.ridge1 = ridge1;
        this.ridge2 = ridge2;
    }

    public int k() {
        return k;
    }

    /** Fits on the rows of two views over the same samples, centred on their own column means. */
    public CcaFit fit(RowMatrix x1, RowMatrix x2) {
        checkViews(x1, x2);
        return fit(x1, x1.columnMeans(), x2, x2.columnMeans());
    }

    /** Fits on the rows of two views over the same samples, centred on the given means μ1, μ2. */
    public CcaFit fit(RowMatrix x1, double[] mean1, RowMatrix x2, double[] mean2) {
        checkViews(x1, x2);
        return fit(WhitenedView.of(x1, mean1, ridge1), WhitenedView.of(x2, mean2, ridge2));
    }

    /** The fit from views already centred and whitened with this CCA's ridges (r1 for v1, r2 for v2). */
    CcaFit fit(WhitenedView v1, WhitenedView v2) {
        Svd svd = Svd.of(WhitenedView.crossWhitened(v1, v2));
        DMatrixRMaj a1 = Products.ab(v1.inverseSqrt(), leading(svd.u(), k));
        DMatrixRMaj a2 = Products.ab(v2.inverseSqrt(), leading(svd.w(), k));
        fixSigns(a1, a2);
        double[] rho = new double[k];
        System.arraycopy(svd.values(), 0, rho, 0, k);
        return new CcaFit(LinearProjection.of(v1.mean(), a1), LinearProjection.of(v2.mean(), a2), rho);
    }

    double ridge1() {
        return ridge1;
    }

    double ridge2() {
        return ridge2;
    }

    /** Checks that two views can be fitted with this CCA (same rows, at least 2, k ≤ min(d1, d2)). */
    void checkViews(RowMatrix x1, RowMatrix x2) {
        if (x1.numRows() != x2.numRows()) {
            throw new IllegalArgumentException("expected both views over the same samples, got " + x1.numRows()
                    + " rows in view 1 and " + x2.numRows() + " in view 2");
        }
        if (x1.numRows() < 2) {
            throw new IllegalArgumentException("CCA needs at least 2 samples, got " + x1.numRows());
        }
        int most = Math.min(x1.numCols(), x2.numCols());
        if (k > most) {
            throw new IllegalArgumentException("expected k ≤ min(d1, d2) = " + most + " canonical pairs for views of width "
                    + x1.numCols() + " and " + x2.numCols() + ", got k = " + k);
        }
    }

    private static DMatrixRMaj leading(DMatrixRMaj m, int columns) {
        return CommonOps_DDRM.extract(m, 0, m.numRows, 0, columns);
    }

    private static void fixSigns(DMatrixRMaj a1, DMatrixRMaj a2) {
        for (int c = 0; c < a1.numCols; c++) {
            double largest = 0;
            for (int r = 0; r < a1.numRows; r++) {
                double v = a1.get(r, c);
                if (Math.abs(v) > Math.abs(largest)) {
                    largest = v;
                }
            }
            if (largest < 0) {
                for (int r = 0; r < a1.numRows; r++) {
                    a1.set(r, c, -a1.get(r, c));
                }
                for (int r = 0; r < a2.numRows; r++) {
                    a2.set(r, c, -a2.get(r, c));
                }
            }
        }
    }

    private static void checkRidge(String name, double r) {
        if (!(r >= 0) || Double.isInfinite(r)) {
            throw new IllegalArgumentException("expected a finite ridge " + name + " ≥ 0, got " + r);
        }
    }
}
