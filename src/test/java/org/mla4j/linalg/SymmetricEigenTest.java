package org.mla4j.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

class SymmetricEigenTest {

    @Test
    void inverseSquareRootWhitens() {
        DMatrixRMaj s = new DMatrixRMaj(3, 3, true, 4, 1, 0.5, 1, 3, 0.2, 0.5, 0.2, 2);
        DMatrixRMaj k = SymmetricEigen.inverseSqrt(s);
        DMatrixRMaj ksk = new DMatrixRMaj(3, 3);
        DMatrixRMaj tmp = new DMatrixRMaj(3, 3);
        CommonOps_DDRM.mult(k, s, tmp);
        CommonOps_DDRM.mult(tmp, k, ksk);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertThat(ksk.get(i, j)).isCloseTo(i == j ? 1 : 0, within(1e-12));
                assertThat(k.get(i, j)).isEqualTo(k.get(j, i));
            }
        }
    }

    @Test
    void eigenvaluesDescendAndSmallOnesAreClampedNotDropped() {
        // diag(2, 0, −1e-12) in a rotated basis: the two tiny eigenvalues become 1e-9 each
        double c = Math.cos(0.3);
        double sn = Math.sin(0.3);
        DMatrixRMaj q = new DMatrixRMaj(3, 3, true, c, -sn, 0, sn, c, 0, 0, 0, 1);
        DMatrixRMaj d = CommonOps_DDRM.diag(2, 0, -1e-12);
        DMatrixRMaj tmp = new DMatrixRMaj(3, 3);
        DMatrixRMaj s = new DMatrixRMaj(3, 3);
        CommonOps_DDRM.mult(q, d, tmp);
        CommonOps_DDRM.multTransB(tmp, q, s);
        SymmetricEigen.Decomposition eig = SymmetricEigen.of(s);
        assertThat(eig.values()[0]).isCloseTo(2, within(1e-12));
        assertThat(eig.values()[1]).isGreaterThanOrEqualTo(eig.values()[2]);
        DMatrixRMaj k = SymmetricEigen.inverseSqrt(s);
        // the trace of S^{-1/2} is 2^{-1/2} + 2·(1e-9)^{-1/2}: the clamped directions keep their rank
        assertThat(CommonOps_DDRM.trace(k)).isCloseTo(Math.pow(2, -0.5) + 2 * Math.pow(1e-9, -0.5), within(1e-3));
        assertThatThrownBy(() -> SymmetricEigen.of(new DMatrixRMaj(2, 3))).hasMessageContaining("2 × 3");
    }
}
