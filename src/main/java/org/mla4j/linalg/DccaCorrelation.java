package org.mla4j.linalg;

import org.ejml.data.DMatrixRMaj;

/**
 * The deep-CCA correlation of two network outputs and its exact gradient, on the host in float64 (Andrew
 * et al., ICML 2013; spec MISSING-BASELINES §2 with option (b) of §11: a host eigensolver with the
 * backward written out). Rows are samples: {@code H_i} is {@code m × o_i} (a minibatch of m outputs).
 * <pre>
 *   H̄_i = H_i − 1μ_iᵀ   (μ_i the batch mean)
 *   Σ11 = H̄1ᵀH̄1/(m−1) + r1·I,  Σ22 = H̄2ᵀH̄2/(m−1) + r2·I,  Σ12 = H̄1ᵀH̄2/(m−1)
 *   T = Σ11^{-1/2} Σ12 Σ22^{-1/2} = U D Wᵀ   (compact SVD; inverse roots with eigenvalues clamped ≥ 1e-9)
 *   corr = ‖T‖_tr = Σ_c D_cc                (all singular values: with o1 = o2 = k this is the spec's top-k)
 * </pre>
 * Gradient (derived for this row layout; the ridge is a constant and drops out):
 * <pre>
 *   ∇12 = Σ11^{-1/2} U Wᵀ Σ22^{-1/2}
 *   ∇11 = −½ Σ11^{-1/2} U D Uᵀ Σ11^{-1/2},   ∇22 = −½ Σ22^{-1/2} W D Wᵀ Σ22^{-1/2}
 *   d corr = ⟨∇11, dΣ11⟩ + ⟨∇12, dΣ12⟩ + ⟨∇22, dΣ22⟩
 *   ∂corr/∂H1 = (2 H̄1 ∇11 + H̄2 ∇12ᵀ)/(m−1),   ∂corr/∂H2 = (2 H̄2 ∇22 + H̄1 ∇12)/(m−1)
 * </pre>
 * From ⟨UWᵀ, dT⟩: the middle factor gives ∇12; for the outer factors, with {@code K = Σ^{-1/2}} and
 * {@code Σ = QΛQᵀ}, the Daleckii–Krein formula gives {@code dK = Q(F ∘ QᵀdΣQ)Qᵀ},
 * {@code F_ab = −1/(√λ_a√λ_b(√λ_a+√λ_b))}, which turns {@code ⟨UDUᵀΣ11^{1/2}, dK1⟩} into
 * {@code ⟨−½K1UDUᵀK1, dΣ11⟩} exactly. The centring needs no extra term: the bracketed gradients already have
 * zero column sums. The gradient is exact where the clamp is inactive (always, for a ridge above 1e-9) and
 * every singular value is nonzero (otherwise it is a subgradient).
 *
 * <p>Gradient descent on the network uses the loss {@code −corr}, i.e. the negated gradients as the seed.
 */
public final class DccaCorrelation {
    /** The default ridge r1 = r2 for network outputs. */
    public static final double DEFAULT_RIDGE = 1e-3;

    private final double ridge1;
    private final double ridge2;

    /**
     * The correlation and its gradients with respect to each output matrix (row-major, the shape of its H).
     *
     * @param correlation the trace norm of T
     * @param gradient1   ∂corr/∂H1, {@code m × o1}
     * @param gradient2   ∂corr/∂H2, {@code m × o2}
     * @param singularValues the singular values of T, descending (their sum is {@code correlation})
     */
    public record Result(double correlation, double[] gradient1, double[] gradient2, double[] singularValues) {
    }

    /** The default ridge on both outputs. */
    public DccaCorrelation() {
        this(DEFAULT_RIDGE, DEFAULT_RIDGE);
    }

    /** Ridges r1, r2 (finite, ≥ 0). */
    public DccaCorrelation(double ridge1, double ridge2) {
        for (double r : new double[] {ridge1, ridge2}) {
            if (!(r >= 0) || Double.isInfinite(r)) {
                throw new IllegalArgumentException("expected a finite ridge ≥ 0, got " + r);
            }
        }
        this.ridge1 = ridge1;
        this.ridge2 = ridge2;
    }

    /** The correlation of two batches of outputs over the same m ≥ 2 samples, and its gradients. */
    public Result evaluate(RowMatrix h1, RowMatrix h2) {
        if (h1.numRows() != h2.numRows()) {
            throw new IllegalArgumentException("expected both outputs over the same samples, got " + h1.numRows()
                    + " rows in H1 and " + h2.numRows() + " in H2");
        }
        return evaluate(WhitenedView.of(h1, ridge1), WhitenedView.of(h2, ridge2));
    }

    static Result evaluate(WhitenedView v1, WhitenedView v2) {
        DMatrixRMaj h1 = v1.centred();
        DMatrixRMaj h2 = v2.centred();
        DMatrixRMaj k1 = v1.inverseSqrt();
        DMatrixRMaj k2 = v2.inverseSqrt();
        Svd svd = Svd.of(WhitenedView.crossWhitened(v1, v2));
        double[] d = svd.values();
        double corr = 0;
        for (double s : d) {
            corr += s;
        }
        DMatrixRMaj k1u = Products.ab(k1, svd.u());
        DMatrixRMaj k2w = Products.ab(k2, svd.w());
        DMatrixRMaj grad12 = Products.abt(k1u, k2w);
        DMatrixRMaj grad11 = scaledGram(k1u, d, -0.5);
        DMatrixRMaj grad22 = scaledGram(k2w, d, -0.5);

        double scale = 1.0 / (h1.numRows - 1);
        DMatrixRMaj g1 = Products.ab(h1, grad11);
        DMatrixRMaj g1b = Products.abt(h2, grad12);
        DMatrixRMaj g2 = Products.ab(h2, grad22);
        DMatrixRMaj g2b = Products.ab(h1, grad12);
        double[] out1 = new double[g1.data.length];
        double[] out2 = new double[g2.data.length];
        for (int i = 0; i < out1.length; i++) {
            out1[i] = (2 * g1.data[i] + g1b.data[i]) * scale;
        }
        for (int i = 0; i < out2.length; i++) {
            out2[i] = (2 * g2.data[i] + g2b.data[i]) * scale;
        }
        return new Result(corr, out1, out2, d.clone());
    }

    /** {@code c · B diag(d) Bᵀ}. */
    private static DMatrixRMaj scaledGram(DMatrixRMaj b, double[] d, double c) {
        DMatrixRMaj bd = b.copy();
        for (int r = 0; r < bd.numRows; r++) {
            for (int j = 0; j < bd.numCols; j++) {
                bd.set(r, j, bd.get(r, j) * d[j] * c);
            }
        }
        return Products.abt(bd, b);
    }
}
