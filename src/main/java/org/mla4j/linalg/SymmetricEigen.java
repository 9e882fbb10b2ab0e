package org.mla4j.linalg;

import java.util.Arrays;
import java.util.Comparator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_MT_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * The symmetric eigendecomposition {@code S = V diag(λ) Vᵀ} (EJML's symmetric QR algorithm, float64),
 * eigenvalues in descending order, and the matrix function built on it that the correlation methods
 * need:
 * <pre>
 *   S^{-1/2} = V diag(max(λ, ε)^{-1/2}) Vᵀ,   ε = {@value #EIGENVALUE_FLOOR} by default
 * </pre>
 * Eigenvalues below the floor are clamped up to it rather than dropped, so the rank of the result does
 * not change from one call to the next (spec §11). With a ridge r ≫ ε on the diagonal of a covariance the
 * clamp never acts. The result is formed as {@code B Bᵀ} with {@code B = V diag(max(λ, ε)^{-1/4})} and its two
 * triangles averaged, so it is exactly symmetric.
 */
public final class SymmetricEigen {
    /** The default floor for eigenvalues before an inverse square root. */
    public static final double EIGENVALUE_FLOOR = 1e-9;

    private static final int THREADED_SIZE = 200;

    /**
     * Eigenpairs of a symmetric matrix.
     *
     * @param values  eigenvalues, descending
     * @param vectors the matching unit eigenvectors as columns ({@code n × n})
     */
    public record Decomposition(double[] values, DMatrixRMaj vectors) {
    }

    private SymmetricEigen() {
    }

    /** The eigendecomposition of a symmetric {@code n × n} matrix (only its values are read; it is not modified). */
    public static Decomposition of(DMatrixRMaj symmetric) {
        int n = symmetric.numRows;
        if (n != symmetric.numCols || n == 0) {
            throw new IllegalArgumentException("expected a square symmetric matrix, got " + symmetric.numRows + " × "
                    + symmetric.numCols);
        }
        for (double v : symmetric.data) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("expected a finite matrix, found " + v);
            }
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = n >= THREADED_SIZE
                ? DecompositionFactory_MT_DDRM.eig(n, true, true)
                : DecompositionFactory_DDRM.eig(n, true, true);
        if (!eig.decompose(symmetric.copy())) {
            throw new ArithmeticException("the symmetric eigendecomposition of a " + n + " × " + n
                    + " matrix did not converge");
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> eig.getEigenvalue(i).real).reversed());
        double[] values = new double[n];
        DMatrixRMaj vectors = new DMatrixRMaj(n, n);
        for (int c = 0; c < n; c++) {
            values[c] = eig.getEigenvalue(order[c]).real;
            double[] v = eig.getEigenVector(order[c]).data;
            for (int r = 0; r < n; r++) {
                vectors.data[r * n + c] = v[r];
            }
        }
        return new Decomposition(values, vectors);
    }

    /** {@code S^{-1/2}} with eigenvalues clamped to ≥ {@value #EIGENVALUE_FLOOR}. */
    public static DMatrixRMaj inverseSqrt(DMatrixRMaj symmetric) {
        return inverseSqrt(symmetric, EIGENVALUE_FLOOR);
    }

    /** {@code S^{-1/2}} with eigenvalues clamped to ≥ {@code floor} (floor &gt; 0). */
    public static DMatrixRMaj inverseSqrt(DMatrixRMaj symmetric, double floor) {
        return inverseSqrt(of(symmetric), floor);
    }

    /** {@code S^{-1/2}} from an eigendecomposition of S, eigenvalues clamped to ≥ {@code floor} (floor &gt; 0). */
    public static DMatrixRMaj inverseSqrt(Decomposition eig, double floor) {
        if (!(floor > 0)) {
            throw new IllegalArgumentException("expected an eigenvalue floor > 0, got " + floor);
        }
        int n = eig.values().length;
        DMatrixRMaj b = eig.vectors().copy();
        for (int c = 0; c < n; c++) {
            double s = Math.pow(Math.max(eig.values()[c], floor), -0.25);
            for (int r = 0; r < n; r++) {
                b.data[r * n + c] *= s;
            }
        }
        DMatrixRMaj k = Products.abt(b, b);
        for (int r = 0; r < n; r++) {
            for (int c = r + 1; c < n; c++) {
                double mean = 0.5 * (k.data[r * n + c] + k.data[c * n + r]);
                k.data[r * n + c] = mean;
                k.data[c * n + r] = mean;
            }
        }
        return k;
    }
}
