package org.mla4j.linalg;

import org.ejml.data.DMatrixRMaj;

/**
 * One view prepared for the correlation algebra: its centre μ, the centred rows {@code H̄ = X − 1μᵀ}
 * ({@code N × d}) and the whitening matrix {@code (H̄ᵀH̄/(N−1) + r·I)^{-1/2}} (eigenvalues clamped ≥ 1e-9).
 * Computed once per view and reused by every pair the view is in.
 */
record WhitenedView(double[] mean, DMatrixRMaj centred, DMatrixRMaj inverseSqrt) {

    /** The view centred on {@code mean} and whitened with ridge r; at least 2 rows. */
    static WhitenedView of(RowMatrix x, double[] mean, double ridge) {
        if (x.numRows() < 2) {
            throw new IllegalArgumentException("a covariance needs at least 2 samples, got " + x.numRows());
        }
        DMatrixRMaj centred = x.centred(mean);
        return new WhitenedView(mean.clone(), centred, SymmetricEigen.inverseSqrt(Covariance.of(centred, ridge)));
    }

    /** The view centred on its own column means. */
    static WhitenedView of(RowMatrix x, double ridge) {
        if (x.numRows() < 2) {
            throw new IllegalArgumentException("a covariance needs at least 2 samples, got " + x.numRows());
        }
        return of(x, x.columnMeans(), ridge);
    }

    /** {@code T = K1 Σ12 K2} of two views over the same samples. */
    static DMatrixRMaj crossWhitened(WhitenedView a, WhitenedView b) {
        return Products.ab(Products.ab(a.inverseSqrt, Covariance.cross(a.centred, b.centred)), b.inverseSqrt);
    }
}
