package org.mla4j.linalg;

/**
 * Mean imputation of missing modality rows for the correlation methods (spec MISSING-BASELINES §1,
 * "ours: train-only mean", GCNet's {@code padmeanV3}): a modality's mean is taken over the rows that are
 * both in the training set and observed,
 * <pre>
 *   μ_m = (1/|R_m|) Σ_{i ∈ R_m} x_{m,i},   R_m = { i ∈ train : s_{m,i} = 1 }
 * </pre>
 * and every row whose modality is missing ({@code s_{m,i} = 0}), in any split, is replaced by μ_m.
 * Validation and test rows never enter the mean. Presence follows {@code org.mla4j.data.MissingMask}'s
 * convention: one flag per row of the modality, {@code true} = observed.
 */
public final class MeanFill {
    private MeanFill() {
    }

    /**
     * The mean of the observed training rows of one modality (float64).
     *
     * @param features  row-major {@code N × dim}
     * @param present   N flags
     * @param trainRows the training rows (indices into the N rows)
     */
    public static double[] observedMean(float[] features, int dim, boolean[] present, int[] trainRows) {
        RowMatrix all = RowMatrix.of(features, present.length, dim);
        if (trainRows == null) {
            throw new IllegalArgumentException("expected the training row indices, got null");
        }
        int count = 0;
        for (int i : trainRows) {
            if (i < 0 || i >= present.length) {
                throw new IllegalArgumentException("training row " + i + " is outside the " + present.length + " rows");
            }
            count += present[i] ? 1 : 0;
        }
        if (count == 0) {
            throw new IllegalArgumentException("no training row observes this modality (" + trainRows.length
                    + " training rows, all missing), so its mean is undefined");
        }
        int[] observed = new int[count];
        int c = 0;
        for (int i : trainRows) {
            if (present[i]) {
                observed[c++] = i;
            }
        }
        return all.select(observed).columnMeans();
    }

    /** A copy of {@code features} (row-major {@code N × dim}) with every row i where {@code present[i]} is false set to the mean. */
    public static float[] fill(float[] features, int dim, boolean[] present, double[] mean) {
        RowMatrix.of(features, present.length, dim); // checks the shape
        if (mean.length != dim) {
            throw new IllegalArgumentException("expected a mean of length " + dim + " (the row width), got length "
                    + mean.length);
        }
        float[] out = features.clone();
        for (int i = 0; i < present.length; i++) {
            if (!present[i]) {
                for (int j = 0; j < dim; j++) {
                    out[i * dim + j] = (float) mean[j];
                }
            }
        }
        return out;
    }
}
