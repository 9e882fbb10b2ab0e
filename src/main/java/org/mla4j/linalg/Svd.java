package org.mla4j.linalg;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_MT_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * The compact singular value decomposition {@code T = U diag(s) Wᵀ} of a {@code p × q} matrix (EJML,
 * float64), singular values descending: U is {@code p × min(p, q)}, W is {@code q × min(p, q)}.
 *
 * @param u      left singular vectors as columns
 * @param values singular values, descending
 * @param w      right singular vectors as columns
 */
record Svd(DMatrixRMaj u, double[] values, DMatrixRMaj w) {
    private static final int THREADED_SIZE = 200;

    static Svd of(DMatrixRMaj t) {
        int q = Math.min(t.numRows, t.numCols);
        SingularValueDecomposition_F64<DMatrixRMaj> svd = Math.max(t.numRows, t.numCols) >= THREADED_SIZE
                ? DecompositionFactory_MT_DDRM.svd(t.numRows, t.numCols, true, true, true)
                : DecompositionFactory_DDRM.svd(t.numRows, t.numCols, true, true, true);
        if (!svd.decompose(t.copy())) {
            throw new ArithmeticException("the SVD of a " + t.numRows + " × " + t.numCols + " matrix did not converge");
        }
        DMatrixRMaj u = svd.getU(null, false);
        DMatrixRMaj w = svd.getV(null, false);
        double[] s = svd.getSingularValues().clone();
        SingularOps_DDRM.descendingOrder(u, false, s, q, w, false);
        double[] top = new double[q];
        System.arraycopy(s, 0, top, 0, q);
        return new Svd(u, top, w);
    }
}
