package org.mla4j.linalg;

import java.util.ArrayList;
import java.util.List;

/**
 * CCA for M ≥ 2 modalities as GCNet (and hence MLA's Table 2) runs it (spec MISSING-BASELINES §1): one
 * independent two-view {@link LinearCca} per unordered pair (i, j), i &lt; j, each with its own centring
 * and projections; a sample's features are the concatenation of every pair's two projections,
 * {@code k·M(M−1)} values in all.
 *
 * <p><b>Order.</b> Pairs in lexicographic order (0,1), (0,2), …, (0,M−1), (1,2), …, (M−2,M−1); within a
 * pair first {@code z_i^{(ij)} = (x_i − μ_i) A_i^{(ij)}} (k values), then {@code z_j^{(ij)}} (k values).
 * For M = 3 and k = 2: [z_0^{(01)}, z_1^{(01)}, z_0^{(02)}, z_2^{(02)}, z_1^{(12)}, z_2^{(12)}], 12 values.
 */
public final class PairwiseCca {
    private final int numModalities;
    private final int k;
    private final List<CcaFit> fits;

    private PairwiseCca(int numModalities, int k, List<CcaFit> fits) {
        this.numModalities = numModalities;
        this.k = k;
        this.fits = List.copyOf(fits);
    }

    /** Rebuilds a fitted model from its per-pair fits, in {@link #pairs(int)} order. */
    public static PairwiseCca of(int numModalities, List<CcaFit> fits) {
        List<int[]> pairs = pairs(numModalities);
        if (fits.size() != pairs.size()) {
            throw new IllegalArgumentException("expected " + pairs.size() + " pair fits for " + numModalities
                    + " modalities, got " + fits.size());
        }
        int k = fits.get(0).k();
        for (CcaFit fit : fits) {
            if (fit.k() != k) {
                throw new IllegalArgumentException("expected every pair fit to have k = " + k + ", got " + fit.k());
            }
        }
        return new PairwiseCca(numModalities, k, fits);
    }

    /**
     * Fits one CCA per pair of the given views (all over the same samples, M ≥ 2), each view centred on its own
     * means. Each view is centred and whitened once per ridge and reused by all its pairs.
     */
    public static PairwiseCca fit(List<RowMatrix> views, LinearCca cca) {
        checkViews(views);
        int m = views.size();
        List<int[]> pairs = pairs(m);
        for (int[] p : pairs) {
            cca.checkViews(views.get(p[0]), views.get(p[1]));
        }
        // view i is the first of its pairs with j > i (ridge r1) and the second of those with j < i (ridge r2)
        WhitenedView[] asFirst = new WhitenedView[m];
        WhitenedView[] asSecond = new WhitenedView[m];
        for (int i = 0; i < m; i++) {
            double[] mean = views.get(i).columnMeans();
            if (i < m - 1) {
                asFirst[i] = WhitenedView.of(views.get(i), mean, cca.ridge1());
            }
            if (i > 0) {
                asSecond[i] = asFirst[i] != null && cca.ridge2() == cca.ridge1()
                        ? asFirst[i] : WhitenedView.of(views.get(i), mean, cca.ridge2());
            }
        }
        List<CcaFit> fits = new ArrayList<>();
        for (int[] p : pairs) {
            fits.add(cca.fit(asFirst[p[0]], asSecond[p[1]]));
        }
        return new PairwiseCca(m, cca.k(), fits);
    }

    /** The unordered pairs (i, j), i &lt; j, of M modalities in lexicographic order. */
    public static List<int[]> pairs(int numModalities) {
        if (numModalities < 2) {
            throw new IllegalArgumentException("expected at least 2 modalities, got " + numModalities);
        }
        List<int[]> pairs = new ArrayList<>();
        for (int i = 0; i < numModalities; i++) {
            for (int j = i + 1; j < numModalities; j++) {
                pairs.add(new int[] {i, j});
            }
        }
        return pairs;
    }

    public int numModalities() {
        return numModalities;
    }

    public int k() {
        return k;
    }

    /** The fit of pair number p in {@link #pairs(int)} order. */
    public CcaFit pairFit(int p) {
        return fits.get(p);
    }

    /** The fits of all pairs in {@link #pairs(int)} order. */
    public List<CcaFit> pairFits() {
        return fits;
    }

    /** Feature width {@code k·M(M−1)}. */
    public int featureDim() {
        return k * numModalities * (numModalities - 1);
    }

    /** The concatenated features of every row (row-major {@code n × k·M(M−1)}, in the documented order). */
    public double[] transform(List<RowMatrix> views) {
        checkViews(views);
        if (views.size() != numModalities) {
            throw new IllegalArgumentException("expected " + numModalities + " views, got " + views.size());
        }
        int n = views.get(0).numRows();
        int width = featureDim();
        double[] out = new double[n * width];
        List<int[]> pairs = pairs(numModalities);
        for (int p = 0; p < pairs.size(); p++) {
            for (int side = 0; side < 2; side++) {
                double[] z = fits.get(p).transform(side, views.get(pairs.get(p)[side]));
                int offset = (2 * p + side) * k;
                for (int i = 0; i < n; i++) {
                    System.arraycopy(z, i * k, out, i * width + offset, k);
                }
            }
        }
        return out;
    }

    private static void checkViews(List<RowMatrix> views) {
        if (views.size() < 2) {
            throw new IllegalArgumentException("expected at least 2 views, got " + views.size());
        }
        int n = views.get(0).numRows();
        for (int i = 1; i < views.size(); i++) {
            if (views.get(i).numRows() != n) {
                throw new IllegalArgumentException("expected every view over the same samples, got " + n
                        + " rows in view 0 and " + views.get(i).numRows() + " in view " + i);
            }
        }
    }
}
