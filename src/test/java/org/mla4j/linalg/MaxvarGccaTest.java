package org.mla4j.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

class MaxvarGccaTest {

    /**
     * For two views Σ P_m has eigenvalues 1 ± ρ_c (r → 0), with eigenvectors ∝ u_c + v_c (the canonical
     * variates), so regressing the shared variate on view 1 gives CCA's direction a_c scaled by √((1+ρ_c)/2).
     */
    @Test
    void twoViewsReduceToCca() {
        CorrelatedViews data = new CorrelatedViews(2000, 5, 4, new double[] {0.85, 0.55, 0.3}, 6);
        double ridge = 1e-9;
        CcaFit cca = new LinearCca(3, ridge, ridge).fit(data.view1(), data.view2());
        MaxvarGcca gcca = MaxvarGcca.fit(List.of(data.view1(), data.view2()), 3, ridge);
        for (int c = 0; c < 3; c++) {
            double rho = cca.correlations()[c];
            assertThat(gcca.eigenvalues()[c]).isCloseTo(1 + rho, within(1e-7));
            double scale = Math.sqrt((1 + rho) / 2);
            for (int view = 0; view < 2; view++) {
                LinearProjection g = gcca.projection(view);
                LinearProjection a = cca.projection(view);
                double sign = Math.signum(g.weight(0, c) * a.weight(0, c));
                for (int r = 0; r < a.inputDim(); r++) {
                    assertThat(g.weight(r, c)).isCloseTo(sign * scale * a.weight(r, c), within(1e-6));
                }
            }
        }
    }

    /** Against the spec's formula built literally with N × N matrices, for D ≤ N and for D &gt; N. */
    @Test
    void matchesTheLiteralNByNFormulaForThreeViews() {
        for (int n : new int[] {30, 8}) {
            Random random = new Random(n);
            int[] dims = {3, 4, 5};
            double[][] x = new double[3][];
            for (int v = 0; v < 3; v++) {
                x[v] = new double[n * dims[v]];
                for (int i = 0; i < x[v].length; i++) {
                    x[v][i] = random.nextGaussian() + (i % dims[v] == 0 ? 0.5 * v : 0);
                }
            }
            List<RowMatrix> views = List.of(RowMatrix.of(x[0], n, 3), RowMatrix.of(x[1], n, 4), RowMatrix.of(x[2], n, 5));
            double r = 0.01;
            int k = 2;
            MaxvarGcca gcca = MaxvarGcca.fit(views, k, r);

            // literal: P = Σ X_m (X_mᵀX_m + r(N−1)I)^{-1} X_mᵀ ; G = √(N−1)·eigvecs ; A_m = (X_mᵀX_m + r(N−1)I)^{-1}X_mᵀG
            DMatrixRMaj p = new DMatrixRMaj(n, n);
            DMatrixRMaj[] centred = new DMatrixRMaj[3];
            DMatrixRMaj[] inverses = new DMatrixRMaj[3];
            for (int v = 0; v < 3; v++) {
                centred[v] = views.get(v).centred(views.get(v).columnMeans());
                DMatrixRMaj gram = new DMatrixRMaj(dims[v], dims[v]);
                CommonOps_DDRM.multTransA(centred[v], centred[v], gram);
                for (int j = 0; j < dims[v]; j++) {
                    gram.add(j, j, r * (n - 1));
                }
                inverses[v] = new DMatrixRMaj(dims[v], dims[v]);
                assertThat(CommonOps_DDRM.invert(gram, inverses[v])).isTrue();
                DMatrixRMaj xc = new DMatrixRMaj(n, dims[v]);
                CommonOps_DDRM.mult(centred[v], inverses[v], xc);
                DMatrixRMaj pm = new DMatrixRMaj(n, n);
                CommonOps_DDRM.multTransB(xc, centred[v], pm);
                CommonOps_DDRM.addEquals(p, pm);
            }
            SymmetricEigen.Decomposition eig = SymmetricEigen.of(p);
            DMatrixRMaj g = CommonOps_DDRM.extract(eig.vectors(), 0, n, 0, k);
            CommonOps_DDRM.scale(Math.sqrt(n - 1.0), g);
            for (int c = 0; c < k; c++) {
                assertThat(gcca.eigenvalues()[c]).as("N=%d λ_%d", n, c).isCloseTo(eig.values()[c], within(1e-10));
            }
            for (int v = 0; v < 3; v++) {
                DMatrixRMaj xtg = new DMatrixRMaj(dims[v], k);
                CommonOps_DDRM.multTransA(centred[v], g, xtg);
                DMatrixRMaj a = new DMatrixRMaj(dims[v], k);
                CommonOps_DDRM.mult(inverses[v], xtg, a);
                for (int c = 0; c < k; c++) {
                    double sign = Math.signum(a.get(0, c) * gcca.projection(v).weight(0, c));
                    for (int row = 0; row < dims[v]; row++) {
                        assertThat(gcca.projection(v).weight(row, c)).as("N=%d view %d", n, v)
                                .isCloseTo(sign * a.get(row, c), within(1e-9));
                    }
                }
            }
            assertThat(gcca.featureDim()).isEqualTo(6);
            assertThat(gcca.transform(views)).hasSize(n * 6);
        }
    }
}
