package org.mla4j.linalg;

import java.util.List;

/**
 * The DCCA/DCCAE loss for M ≥ 2 modalities (GCNet; cca_zoo's DMCCA; spec MISSING-BASELINES §2): the
 * negated sum of the pairwise {@link DccaCorrelation}s of the network outputs,
 * <pre>
 *   L = −Σ_{i&lt;j} corr(H_i, H_j),     ∂L/∂H_m = −Σ_{j≠m} ∂corr(H_m, H_j)/∂H_m
 * </pre>
 * Pairs in {@link PairwiseCca#pairs(int)} order. Each output is centred and whitened once (same ridge r for
 * every modality, default {@value DccaCorrelation#DEFAULT_RIDGE}). The gradients are the loss's, ready to seed
 * each network's backward pass.
 */
public final class PairwiseDccaLoss {
    private final double ridge;

    /**
     * @param loss             L = −Σ_{i&lt;j} corr_ij
     * @param pairCorrelations corr_ij in pair order
     * @param gradients        ∂L/∂H_m per modality, row-major, the shape of H_m
     */
    public record Result(double loss, double[] pairCorrelations, double[][] gradients) {
    }

    public PairwiseDccaLoss() {
        this(DccaCorrelation.DEFAULT_RIDGE);
    }

    /** Ridge r (finite, ≥ 0) on every modality's output covariance. */
    public PairwiseDccaLoss(double ridge) {
        if (!(ridge >= 0) || Double.isInfinite(ridge)) {
            throw new IllegalArgumentException("expected a finite ridge ≥ 0, got " + ridge);
        }
        this.ridge = ridge;
    }

    /** The loss of the outputs of M ≥ 2 networks on the same m ≥ 2 samples, and its per-modality gradients. */
    public Result evaluate(List<RowMatrix> outputs) {
        int m = outputs.size();
        if (m < 2) {
            throw new IllegalArgumentException("expected the outputs of at least 2 modalities, got " + m);
        }
        WhitenedView[] views = new WhitenedView[m];
        double[][] gradients = new double[m][];
        for (int v = 0; v < m; v++) {
            if (outputs.get(v).numRows() != outputs.get(0).numRows()) {
                throw new IllegalArgumentException("expected every output over the same samples, got "
                        + outputs.get(0).numRows() + " rows for modality 0 and " + outputs.get(v).numRows()
                        + " for modality " + v);
            }
            views[v] = WhitenedView.of(outputs.get(v), ridge);
            gradients[v] = new double[outputs.get(v).numRows() * outputs.get(v).numCols()];
        }
        List<int[]> pairs = PairwiseCca.pairs(m);
        double[] correlations = new double[pairs.size()];
        double loss = 0;
        for (int p = 0; p < pairs.size(); p++) {
            int i = pairs.get(p)[0];
            int j = pairs.get(p)[1];
            DccaCorrelation.Result r = DccaCorrelation.evaluate(views[i], views[j]);
            correlations[p] = r.correlation();
            loss -= r.correlation();
            subtract(gradients[i], r.gradient1());
            subtract(gradients[j], r.gradient2());
        }
        return new Result(loss, correlations, gradients);
    }

    private static void subtract(double[] into, double[] g) {
        for (int i = 0; i < into.length; i++) {
            into[i] -= g[i];
        }
    }
}
