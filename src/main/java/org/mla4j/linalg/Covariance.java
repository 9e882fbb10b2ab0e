package org.mla4j.linalg;

import org.ejml.data.DMatrixRMaj;

/**
 * Sample covariances of centred data, in float64, with the (N − 1) normalisation used throughout the
 * correlation methods:
 * <pre>
 *   Σ_aa = H̄_aᵀ H̄_a / (N − 1) + r·I        (ridge r ≥ 0 on the diagonal)
 *   Σ_ab = H̄_aᵀ H̄_b / (N − 1)
 * </pre>
 * where the rows of H̄ are samples (already centred by the caller).
 */
public final class Covariance {
    private Covariance() {
    }

    /** Σ_aa = H̄ᵀH̄/(N − 1) + r·I for centred rows H̄ (N ≥ 2). */
    public static DMatrixRMaj of(DMatrixRMaj centred, double ridge) {
        checkRows(centred.numRows);
        if (!(ridge >= 0) || Double.isInfinite(ridge)) {
            throw new IllegalArgumentException("expected a finite ridge ≥ 0, got " + ridge);
        }
        DMatrixRMaj c = Products.ata(centred);
        double scale = 1.0 / (centred.numRows - 1);
        double[] v = c.data;
        for (int i = 0; i < v.length; i++) {
            v[i] *= scale;
        }
        for (int j = 0; j < c.numCols; j++) {
            v[j * c.numCols + j] += ridge;
        }
        return c;
    }

    /** Σ_ab = H̄_aᵀH̄_b/(N − 1) for centred rows over the same N ≥ 2 samples. */
    public static DMatrixRMaj cross(DMatrixRMaj centredA, DMatrixRMaj centredB) {
        if (centredA.numRows != centredB.numRows) {
            throw new IllegalArgumentException("expected both views over the same samples, got " + centredA.numRows
                    + " and " + centredB.numRows + " rows");
        }
        checkRows(centredA.numRows);
        DMatrixRMaj c = Products.atb(centredA, centredB);
        double scale = 1.0 / (centredA.numRows - 1);
        double[] v = c.data;
        for (int i = 0; i < v.length; i++) {
            v[i] *= scale;
        }
        return c;
    }

    private static void checkRows(int n) {
        if (n < 2) {
            throw new IllegalArgumentException("a covariance needs at least 2 samples, got " + n);
        }
    }
}
