package org.mla4j.linalg;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * Generalised CCA, MAXVAR form (Horst 1961, Carroll 1968; spec MISSING-BASELINES §1), for M ≥ 2 views:
 * a shared representation G ({@code N × k}) and one projection per view,
 * <pre>
 *   P_m = X_m (X_mᵀX_m + r'·I)^{-1} X_mᵀ            (X_m centred, N × d_m;  r' = r·(N−1))
 *   G   = √(N−1) · top-k eigenvectors of Σ_m P_m     (so GᵀG/(N−1) = I: unit-variance shared variates)
 *   A_m = (X_mᵀX_m + r'·I)^{-1} X_mᵀ G               (ridge regression of G on view m)
 *   z_m = (x_m − μ_m) A_m,   features = [z_1, …, z_M]   (k·M values, views in order)
 * </pre>
 * The ridge is stated on the covariance scale, {@code C_m = Σ_mm + r·I = X_mᵀX_m/(N−1) + r·I}, like
 * {@link LinearCca}'s (default {@value LinearCca#DEFAULT_RIDGE}); in the spec's unnormalised notation it is
 * r' = r·(N−1).
 *
 * <p><b>No N × N matrix when N is large.</b> With {@code K_m = C_m^{-1/2}} and
 * {@code Y = [X_1K_1, …, X_MK_M]/√(N−1)} ({@code N × D}, {@code D = Σ d_m}), {@code Σ_m P_m = YYᵀ}. Its nonzero
 * eigenvalues are those of the {@code D × D} matrix {@code YᵀY}, whose (i, j) block is
 * {@code K_i Σ_ij K_j} (the off-diagonal blocks are the pairwise CCA matrices T_ij). With
 * {@code YᵀY V = V Λ}: {@code G = √(N−1)·Y V_k Λ_k^{-1/2}} and, substituting,
 * {@code A_m = K_m V_k^{(m)} Λ_k^{1/2}} ({@code V^{(m)}} the rows of V belonging to view m). The smaller of the
 * two eigenproblems is solved: {@code YᵀY} when D ≤ N, else {@code YYᵀ} (then {@code V_k = YᵀG_k Λ_k^{-1/2}}).
 * For M = 2 and r → 0 the eigenvalues are 1 ± ρ_c (ρ the canonical correlations) and column c of A_m is
 * CCA's direction c scaled by √((1+ρ_c)/2).
 *
 * <p>Signs: each column is flipped so that the entry of largest magnitude of {@code V_k}'s column is positive.
 */
public final class MaxvarGcca {
    private final List<LinearProjection> projections;
    private final double[] eigenvalues;

    private MaxvarGcca(List<LinearProjection> projections, double[] eigenvalues) {
        this.projections = List.copyOf(projections);
        this.eigenvalues = eigenvalues.clone();
    }

    /** Rebuilds a fitted model from its per-view projections (all of width k) and its k eigenvalues. */
    public static MaxvarGcca of(List<LinearProjection> projections, double[] eigenvalues) {
        if (projections.size() < 2) {
            throw new IllegalArgumentException("expected at least 2 view projections, got " + projections.size());
        }
        for (LinearProjection p : projections) {
            if (p.outputDim() != eigenvalues.length) {
                throw new IllegalArgumentException("expected every projection to have width k = " + eigenvalues.length
                        + " (the number of eigenvalues), got " + p.outputDim());
            }
        }
        return new MaxvarGcca(projections, eigenvalues);
    }

    /** Fits k shared dimensions with the default ridge. */
    public static MaxvarGcca fit(List<RowMatrix> views, int k) {
        return fit(views, k, LinearCca.DEFAULT_RIDGE);
    }

    /** Fits k shared dimensions with ridge r (finite, ≥ 0) on every view's covariance; views centred on their means. */
    public static MaxvarGcca fit(List<RowMatrix> views, int k, double ridge) {
        int m = views.size();
        if (m < 2) {
            throw new IllegalArgumentException("expected at least 2 views, got " + m);
        }
        int n = views.get(0).numRows();
        int total = 0;
        for (int v = 0; v < m; v++) {
            if (views.get(v).numRows() != n) {
                throw new IllegalArgumentException("expected every view over the same samples, got " + n
                        + " rows in view 0 and " + views.get(v).numRows() + " in view " + v);
            }
            total += views.get(v).numCols();
        }
        if (n < 2) {
            throw new IllegalArgumentException("generalised CCA needs at least 2 samples, got " + n);
        }
        if (k < 1 || k > Math.min(total, n)) {
            throw new IllegalArgumentException("expected 1 ≤ k ≤ min(Σ d_m, N) = " + Math.min(total, n) + ", got k = " + k);
        }
        double[][] means = new double[m][];
        DMatrixRMaj[] whitening = new DMatrixRMaj[m];
        DMatrixRMaj y = new DMatrixRMaj(n, total);
        double scale = 1.0 / Math.sqrt(n - 1.0);
        for (int v = 0, offset = 0; v < m; offset += views.get(v).numCols(), v++) {
            WhitenedView view = WhitenedView.of(views.get(v), ridge);
            means[v] = view.mean();
            whitening[v] = view.inverseSqrt();
            DMatrixRMaj block = Products.ab(view.centred(), whitening[v]);
            int d = block.numCols;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    y.data[i * total + offset + j] = block.data[i * d + j] * scale;
                }
            }
        }

        double[] lambda = new double[k];
        DMatrixRMaj vk = new DMatrixRMaj(total, k);
        if (total <= n) {
            SymmetricEigen.Decomposition eig = SymmetricEigen.of(Products.ata(y));
            for (int c = 0; c < k; c++) {
                lambda[c] = eig.values()[c];
                for (int r = 0; r < total; r++) {
                    vk.set(r, c, eig.vectors().get(r, c));
                }
            }
        } else {
            SymmetricEigen.Decomposition eig = SymmetricEigen.of(Products.abt(y, y));
            DMatrixRMaj gk = new DMatrixRMaj(n, k);
            for (int c = 0; c < k; c++) {
                lambda[c] = eig.values()[c];
                double s = 1.0 / Math.sqrt(Math.max(lambda[c], SymmetricEigen.EIGENVALUE_FLOOR));
                for (int r = 0; r < n; r++) {
                    gk.set(r, c, eig.vectors().get(r, c) * s);
                }
            }
            vk = Products.atb(y, gk);
        }
        fixSigns(vk);

        List<LinearProjection> projections = new ArrayList<>();
        for (int v = 0, offset = 0; v < m; offset += views.get(v).numCols(), v++) {
            int d = views.get(v).numCols();
            DMatrixRMaj block = new DMatrixRMaj(d, k);
            for (int r = 0; r < d; r++) {
                for (int c = 0; c < k; c++) {
                    block.set(r, c, vk.get(offset + r, c) * Math.sqrt(Math.max(lambda[c], 0)));
                }
            }
            projections.add(LinearProjection.of(means[v], Products.ab(whitening[v], block)));
        }
        return new MaxvarGcca(projections, lambda);
    }

    /** Number of shared dimensions k. */
    public int k() {
        return eigenvalues.length;
    }

    public int numModalities() {
        return projections.size();
    }

    /** The k leading eigenvalues of Σ_m P_m, descending (each in [0, M]). */
    public double[] eigenvalues() {
        return eigenvalues.clone();
    }

    /** The projection of view m. */
    public LinearProjection projection(int view) {
        return projections.get(view);
    }

    /** Feature width {@code k·M}. */
    public int featureDim() {
        return k() * projections.size();
    }

    /** The concatenated features [z_1, …, z_M] of every row (row-major {@code n × k·M}). */
    public double[] transform(List<RowMatrix> views) {
        int m = projections.size();
        if (views.size() != m) {
            throw new IllegalArgumentException("expected " + m + " views, got " + views.size());
        }
        int n = views.get(0).numRows();
        int k = k();
        int width = featureDim();
        double[] out = new double[n * width];
        for (int v = 0; v < m; v++) {
            if (views.get(v).numRows() != n) {
                throw new IllegalArgumentException("expected every view over the same samples, got " + n
                        + " rows in view 0 and " + views.get(v).numRows() + " in view " + v);
            }
            double[] z = projections.get(v).apply(views.get(v));
            for (int i = 0; i < n; i++) {
                System.arraycopy(z, i * k, out, i * width + v * k, k);
            }
        }
        return out;
    }

    private static void fixSigns(DMatrixRMaj vk) {
        for (int c = 0; c < vk.numCols; c++) {
            double largest = 0;
            for (int r = 0; r < vk.numRows; r++) {
                if (Math.abs(vk.get(r, c)) > Math.abs(largest)) {
                    largest = vk.get(r, c);
                }
            }
            if (largest < 0) {
                for (int r = 0; r < vk.numRows; r++) {
                    vk.set(r, c, -vk.get(r, c));
                }
            }
        }
    }
}
