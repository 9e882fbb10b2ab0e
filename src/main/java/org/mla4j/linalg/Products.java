package org.mla4j.linalg;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.CommonOps_MT_DDRM;

/**
 * Float64 matrix products through EJML, using its multi-threaded kernels when a product is large
 * enough (about 10⁷ multiply-adds) for the threads to pay off, and the single-threaded ones for the
 * small products of a DCCA minibatch. The result of each is a new matrix.
 */
final class Products {
    private static final long THREADED_WORK = 10_000_000L;

    private Products() {
    }

    /** A·B. */
    static DMatrixRMaj ab(DMatrixRMaj a, DMatrixRMaj b) {
        DMatrixRMaj c = new DMatrixRMaj(a.numRows, b.numCols);
        if (large(a.numRows, a.numCols, b.numCols)) {
            CommonOps_MT_DDRM.mult(a, b, c);
        } else {
            CommonOps_DDRM.mult(a, b, c);
        }
        return c;
    }

    /** Aᵀ·B. */
    static DMatrixRMaj atb(DMatrixRMaj a, DMatrixRMaj b) {
        DMatrixRMaj c = new DMatrixRMaj(a.numCols, b.numCols);
        if (large(a.numCols, a.numRows, b.numCols)) {
            CommonOps_MT_DDRM.multTransA(a, b, c);
        } else {
            CommonOps_DDRM.multTransA(a, b, c);
        }
        return c;
    }

    /**
     * A·Bᵀ. Large products transpose B first and use the A·B kernel, which measured 2–3 times faster than
     * EJML's row-by-row A·Bᵀ kernel at 1024 × 1024.
     */
    static DMatrixRMaj abt(DMatrixRMaj a, DMatrixRMaj b) {
        if (large(a.numRows, a.numCols, b.numRows)) {
            return ab(a, CommonOps_DDRM.transpose(b, null));
        }
        DMatrixRMaj c = new DMatrixRMaj(a.numRows, b.numRows);
        CommonOps_DDRM.multTransB(a, b, c);
        return c;
    }

    /** Aᵀ·A, exactly symmetric. */
    static DMatrixRMaj ata(DMatrixRMaj a) {
        DMatrixRMaj c = new DMatrixRMaj(a.numCols, a.numCols);
        if (large(a.numCols, a.numRows, a.numCols)) {
            CommonOps_MT_DDRM.multInner(a, c);
        } else {
            CommonOps_DDRM.multInner(a, c);
        }
        return c;
    }

    private static boolean large(long rows, long inner, long cols) {
        return rows * inner * cols >= THREADED_WORK;
    }
}
