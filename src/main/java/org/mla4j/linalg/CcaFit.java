package org.mla4j.linalg;

/**
 * A fitted two-view CCA: each view's projection {@code z_i = (x_i − μ_i) A_i} ({@code A_i} is
 * {@code d_i × k}) and the canonical correlations {@code ρ_1 ≥ … ≥ ρ_k} of the fitting data. Column c
 * of {@code z_1} and column c of {@code z_2} are the c-th pair of canonical variates: on the fitting
 * rows their sample correlation is {@code ρ_c} (exactly so without ridge), and different columns are
 * uncorrelated.
 */
public final class CcaFit {
    private final LinearProjection view1;
    private final LinearProjection view2;
    private final double[] correlations;

    public CcaFit(LinearProjection view1, LinearProjection view2, double[] correlations) {
        if (view1.outputDim() != view2.outputDim() || correlations.length != view1.outputDim()) {
            throw new IllegalArgumentException("expected both projections and the correlations to have one width k, got "
                    + view1.outputDim() + ", " + view2.outputDim() + " and " + correlations.length);
        }
        this.view1 = view1;
        this.view2 = view2;
        this.correlations = correlations.clone();
    }

    /** Number of canonical pairs k. */
    public int k() {
        return correlations.length;
    }

    /** The projection of view 0 or view 1. */
    public LinearProjection projection(int view) {
        if (view != 0 && view != 1) {
            throw new IllegalArgumentException("a two-view CCA has views 0 and 1, got " + view);
        }
        return view == 0 ? view1 : view2;
    }

    /** The canonical correlations ρ_1 ≥ … ≥ ρ_k (a copy). */
    public double[] correlations() {
        return correlations.clone();
    }

    /** Σ_c ρ_c, the total correlation of the k pairs. */
    public double totalCorrelation() {
        double s = 0;
        for (double c : correlations) {
            s += c;
        }
        return s;
    }

    /** {@code z = (x − μ) A} of the given view: row-major {@code n × k}. */
    public double[] transform(int view, RowMatrix x) {
        return projection(view).apply(x);
    }
}
