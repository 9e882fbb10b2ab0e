package org.mla4j.method.baseline;

import java.util.Arrays;

/**
 * QMF's sample-wise history as the official code keeps it: per modality m and training sample i,
 * the sum of the sample's cross-entropy losses {@code L_m(i) = Σ_visits CE(f_m(x_i), y_i)} over
 * all its past training visits (0 before the first), and its min–max normalised value
 *
 * <pre>
 *   ℓ̄_m(i) = (L_m(i) − min_j L_m(j)) / (max_j L_m(j) − min_j L_m(j))   ∈ [0, 1]
 * </pre>
 *
 * where j runs over the whole training set, unvisited samples included (their 0 is the minimum
 * during the first epoch). When max = min (nothing recorded yet) every ℓ̄ is 0: no sample is ranked
 * above another (the official code would divide by zero). Samples are identified by their position
 * in the fit split; the training set is positions {@code 0 .. highest seen}, which from the second
 * epoch on is every fit sample.
 */
public final class LossHistory {
    private double[][] loss;
    private final int[] size;

    public LossHistory(int numModalities) {
        loss = new double[numModalities][0];
        size = new int[numModalities];
    }

    /** Adds one visit's loss of {@code position} for modality m. */
    public void add(int m, int position, double value) {
        if (position >= loss[m].length) {
            loss[m] = Arrays.copyOf(loss[m], Math.max(position + 1, 2 * loss[m].length));
        }
        size[m] = Math.max(size[m], position + 1);
        loss[m][position] += value;
    }

    /** {@code L_m(position)}, the cumulative loss (0 before the first visit). */
    public double cumulative(int m, int position) {
        return position < size[m] ? loss[m][position] : 0;
    }

    /** {@code ℓ̄_m(position)} for each position, with one min and max over the training set. */
    public double[] normalised(int m, int[] positions) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < size[m]; i++) {
            min = Math.min(min, loss[m][i]);
            max = Math.max(max, loss[m][i]);
        }
        double[] out = new double[positions.length];
        if (!(max > min)) {
            return out;
        }
        for (int i = 0; i < positions.length; i++) {
            out[i] = (cumulative(m, positions[i]) - min) / (max - min);
        }
        return out;
    }

    /** Modality m's cumulative losses, one per sample of the training set seen so far (for checkpoints). */
    public double[] export(int m) {
        return Arrays.copyOf(loss[m], size[m]);
    }

    /** Restores modality m's cumulative losses. */
    public void restore(int m, double[] values) {
        loss[m] = values.clone();
        size[m] = values.length;
    }
}
